using CsvHelper;

namespace Augment.ExprGan.Training;

/// <summary>
/// Every loss of one training step. Generator terms are unweighted (NaN when the stage does not compute them);
/// Generator is the weighted total the generator minimised. ImageDiscriminator is D_img's adversarial loss on a real
/// and a fake batch, RegularizerOnFakes Q's code error in the D step, IdentityDiscriminator D_z's loss (NaN in stage 1).
/// Cycle and Mask belong to the identity-preserving design: L1 of edit-then-back against the input, and the mean share
/// of input pixels the mask keeps; Classification the auxiliary classifier's intensity-weighted cross-entropy of edits
/// against their targets, ClassifierOnReal its cross-entropy on the real batch (its own training loss), Paired the L1 of
/// edits into another face of the same subject against that face (<see cref="ExprGanTrainingOptions.PairedWeight"/>),
/// Guide the frozen expression guide's cross-entropy of edits against their targets (<see cref="ExprGanTrainingOptions.GuideWeight"/>).
/// The CSV attributes name the columns of losses.csv (<see cref="LossRow"/>), the same short names as <see cref="Columns"/>.
/// </summary>
[CsvRecord]
public sealed partial record StepLosses(
    [CsvColumn("pixel"), CsvConverter(typeof(LossCell))] float Pixel,
    [CsvColumn("identity"), CsvConverter(typeof(LossCell))] float Identity,
    [CsvColumn("q"), CsvConverter(typeof(LossCell))] float Q,
    [CsvColumn("adv_img"), CsvConverter(typeof(LossCell))] float AdversarialImage,
    [CsvColumn("adv_z"), CsvConverter(typeof(LossCell))] float AdversarialZ,
    [CsvColumn("tv"), CsvConverter(typeof(LossCell))] float TotalVariation,
    [CsvColumn("g_total"), CsvConverter(typeof(LossCell))] float Generator,
    [CsvColumn("d_img"), CsvConverter(typeof(LossCell))] float ImageDiscriminator,
    [CsvColumn("q_d"), CsvConverter(typeof(LossCell))] float RegularizerOnFakes,
    [CsvColumn("d_z"), CsvConverter(typeof(LossCell))] float IdentityDiscriminator,
    [CsvColumn("cycle"), CsvConverter(typeof(LossCell))] float Cycle = float.NaN,
    [CsvColumn("mask"), CsvConverter(typeof(LossCell))] float Mask = float.NaN,
    [CsvColumn("cls"), CsvConverter(typeof(LossCell))] float Classification = float.NaN,
    [CsvColumn("cls_real"), CsvConverter(typeof(LossCell))] float ClassifierOnReal = float.NaN,
    [CsvColumn("paired"), CsvConverter(typeof(LossCell))] float Paired = float.NaN,
    [CsvColumn("guide"), CsvConverter(typeof(LossCell))] float Guide = float.NaN)
{
    /// <summary>The losses' short names in <see cref="Values"/> order: the legend of the loss plot, and the columns of losses.csv.</summary>
    public static readonly string[] Columns =
        ["pixel", "identity", "q", "adv_img", "adv_z", "tv", "g_total", "d_img", "q_d", "d_z", "cycle", "mask", "cls", "cls_real", "paired", "guide"];

    public float[] Values() =>
        [Pixel, Identity, Q, AdversarialImage, AdversarialZ, TotalVariation, Generator, ImageDiscriminator, RegularizerOnFakes, IdentityDiscriminator,
         Cycle, Mask, Classification, ClassifierOnReal, Paired, Guide];

    /// <summary>The losses in <see cref="Columns"/> order (e.g. epoch means).</summary>
    public static StepLosses FromValues(IReadOnlyList<float> v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]);

    /// <summary>Short status line for progress ("L1 0.123 Q 0.045 ...").</summary>
    public string Summary()
    {
        var parts = new List<string>();
        void Add(string name, float v) { if (!float.IsNaN(v)) parts.Add($"{name} {v:0.000}"); }
        Add("L1", Pixel); Add("cyc", Cycle); Add("keep", Mask); Add("cls", Classification); Add("pair", Paired); Add("guide", Guide); Add("id", Identity); Add("Q", Q); Add("advI", AdversarialImage); Add("advZ", AdversarialZ);
        Add("D", ImageDiscriminator); Add("Dz", IdentityDiscriminator);
        return string.Join(" ", parts);
    }
}
