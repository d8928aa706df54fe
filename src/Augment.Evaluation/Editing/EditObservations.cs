namespace Augment.Evaluation.Editing;

/// <summary>
/// Everything measured on the edits of N test faces into K targets at L intensities, and on the real test faces, as
/// plain numbers. Edit arrays are indexed [input, target, level]; identity arrays [input, target] (intensity 1 only).
/// </summary>
public sealed class EditObservations
{
    public EditObservations(int inputs, int classes, float[] intensities, bool probes)
    {
        Inputs = inputs;
        Classes = classes;
        Intensities = intensities;
        var levels = intensities.Length;
        TargetProbability = new float[inputs, classes, levels];
        PredictedClass = new int[inputs, classes, levels];
        RecoveredIntensity = probes ? new float[inputs, classes, levels] : null;
        PhiSimilarity = new float[inputs, classes];
        ZSimilarity = new float[inputs, classes];
        NearestSubject = probes ? new string[inputs, classes] : null;
    }

    public int Inputs { get; }
    public int Classes { get; }
    public float[] Intensities { get; }

    /// <summary>The judge's probability of the target class for each edit.</summary>
    public float[,,] TargetProbability { get; }
    /// <summary>The judge's most likely class for each edit.</summary>
    public int[,,] PredictedClass { get; }
    /// <summary>Intensity read back by the target class's intensity probe (procedural only; NaN without a probe).</summary>
    public float[,,]? RecoveredIntensity { get; }

    /// <summary>Cosine of phi's pooled features, edit at intensity 1 vs its input.</summary>
    public float[,] PhiSimilarity { get; }
    /// <summary>Cosine of the encoder's z, E(edit at intensity 1) vs E(input).</summary>
    public float[,] ZSimilarity { get; }
    /// <summary>Subject the identity probe assigns to each intensity-1 edit (procedural only).</summary>
    public string[,]? NearestSubject { get; }

    /// <summary>Real test faces: the judge's class probabilities (N x K).</summary>
    public float[][] RealProbabilities { get; set; } = [];
    /// <summary>Real test faces: pairwise cosine of phi features and of z (N x N).</summary>
    public float[,] RealPhiCosine { get; set; } = new float[0, 0];
    public float[,] RealZCosine { get; set; } = new float[0, 0];
    /// <summary>Median cosine between real test faces of different subjects (phi, z).</summary>
    public double PhiDifferentSubjectMedian { get; set; }
    public double ZDifferentSubjectMedian { get; set; }

    /// <summary>Per real test face: L1, PSNR (dB) and SSIM of G(E(x), c_true) vs x.</summary>
    public float[] ReconstructionL1 { get; set; } = [];
    public float[] ReconstructionPsnr { get; set; } = [];
    public float[] ReconstructionSsim { get; set; } = [];

    /// <summary>Real test faces read by the probes (procedural only).</summary>
    public float[]? RealRecoveredIntensity { get; set; }
    public string[]? RealNearestSubject { get; set; }
}
