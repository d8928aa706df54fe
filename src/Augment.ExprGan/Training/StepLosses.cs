namespace Augment.ExprGan.Training;

/// <summary>
/// Every loss of one training step. Generator terms are unweighted (NaN when the stage does not compute them);
/// Generator is the weighted total the generator minimised. ImageDiscriminator is D_img's adversarial loss on a real
/// and a fake batch, RegularizerOnFakes Q's code error in the D step, IdentityDiscriminator D_z's loss (NaN in stage 1).
/// </summary>
public sealed record StepLosses(
    float Pixel, float Identity, float Q, float AdversarialImage, float AdversarialZ, float TotalVariation,
    float Generator, float ImageDiscriminator, float RegularizerOnFakes, float IdentityDiscriminator)
{
    public static readonly string[] Columns =
        ["pixel", "identity", "q", "adv_img", "adv_z", "tv", "g_total", "d_img", "q_d", "d_z"];

    public float[] Values() =>
        [Pixel, Identity, Q, AdversarialImage, AdversarialZ, TotalVariation, Generator, ImageDiscriminator, RegularizerOnFakes, IdentityDiscriminator];

    /// <summary>Short status line for progress ("L1 0.123 Q 0.045 ...").</summary>
    public string Summary()
    {
        var parts = new List<string>();
        void Add(string name, float v) { if (!float.IsNaN(v)) parts.Add($"{name} {v:0.000}"); }
        Add("L1", Pixel); Add("id", Identity); Add("Q", Q); Add("advI", AdversarialImage); Add("advZ", AdversarialZ);
        Add("D", ImageDiscriminator); Add("Dz", IdentityDiscriminator);
        return string.Join(" ", parts);
    }
}
