namespace Augment.Evaluation.Gates;

/// <summary>
/// Which rank correlation between requested intensity and the judge's P(target) the intensity gate reads
/// (docs/evaluation.md, "Quality gates").
/// </summary>
public enum IntensityReading
{
    /// <summary>
    /// Each face's own ρ over the intensity levels, averaged over faces (a face whose reading never moves counts 0):
    /// does every edit path grow monotonely? The judge, trained on peak expressions, reads an edit path as a step; pooled
    /// over faces whose steps spread evenly over the range, ρ is about 0.6 though every path is monotone (test), and
    /// the pooled reading rewards the one-face-for-everyone collapse the identity gates fight.
    /// </summary>
    PerFace,

    /// <summary>All faces' edits into a class pooled in one ρ: also asks that equal intensities read alike across people.</summary>
    Pooled,
}
