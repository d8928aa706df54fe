using System.Globalization;
using Augment.Data;
using Augment.ExprGan.Model;
using Augment.ExprGan.Training;
using Augment.Identity;
using Augment.Torch;

namespace Augment.Experiments.Commands;

/// <summary>
/// What a train command line asks for, built once: the preset, its training options with what was typed over them,
/// the data (read at <see cref="ImageSize"/>) and torch.
/// </summary>
public sealed record TrainRequest(ExprGanPreset Preset, ExprGanTrainingOptions Training, int ImageSize, int? CodeDims, string Identity,
    DatasetOptions Data, TorchOptions Torch, bool InputSkip = false, DecoderUpsampling? Upsampling = null, int? SkipLevels = null);

public sealed partial class TrainCommand
{
    public static TrainRequest BuildOptions(Settings s)
    {
        var preset = ExprGanPreset.Get(s.Preset);
        var data = s.ToDataOptions();
        // The image size is decided here, once: --size, else the preset's. The data are read at it and the architecture
        // takes it from here (so --size is honoured: the preset gives widths, e.g. the sweep's 48x48 GANs).
        var size = data.Load.Size ?? preset.ImageSize;
        var t = preset.TrainingOptions(ParseEpochs(s.Epochs) ?? preset.DefaultEpochs, s.TrainSeed ?? data.Load.Seed);
        t = t with
        {
            BatchSize = s.Batch ?? t.BatchSize, LearningRate = s.LearningRate ?? t.LearningRate, GridImages = s.GridImages ?? t.GridImages,
            Stage1 = ParseWeights(s.WeightsStage1) ?? t.Stage1, Stage2 = ParseWeights(s.WeightsStage2) ?? t.Stage2,
            Stage3 = ParseWeights(s.WeightsStage3) ?? t.Stage3,
            IntensityTarget = s.IntensityTarget ?? t.IntensityTarget, MaskLogitCap = s.MaskLogitCap ?? t.MaskLogitCap,
            FullIntensityShare = s.FullIntensityShare ?? t.FullIntensityShare,
            ZeroIntensityShare = s.ZeroIntensityShare ?? t.ZeroIntensityShare, Precision = s.Precision ?? t.Precision,
            BalanceClasses = s.BalanceClasses || t.BalanceClasses,
            GeneratorAverageDecay = s.GeneratorAverage ?? t.GeneratorAverageDecay,
            ReconstructAtLabelledIntensity = s.ReconstructAtLabelledIntensity || t.ReconstructAtLabelledIntensity,
            ClassifyAtLabelledIntensity = s.ClassifyAtLabelledIntensity || t.ClassifyAtLabelledIntensity,
            DifferentiableAugmentation = s.DiffAugment || t.DifferentiableAugmentation,
            ClassifierOnRealFacesOnly = s.ClassifierRealOnly || t.ClassifierOnRealFacesOnly,
            PairedWeight = s.Paired ?? t.PairedWeight, LearningRateDecay = s.LrDecay ?? t.LearningRateDecay,
            GuideWeight = s.Guide ?? t.GuideWeight, SnapshotEvery = s.SnapshotEvery,
        };
        return new TrainRequest(preset, t.Validated(), size, s.CodeDims, s.Identity ?? DefaultIdentity(preset),
            data with { Load = data.Load with { Size = size } }, s.ToTorchOptions(), s.InputSkip, s.Upsampling, s.SkipLevels);
    }

    static string DefaultIdentity(ExprGanPreset preset) => preset.UsesIdentityNetwork ? IdentityNetworks.ResNet18 : "none";

    static int[]? ParseEpochs(string? text)
    {
        if (text == null) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || parts.Any(p => !int.TryParse(p, out var e) || e < 0))
            throw new ArgumentException($"--epochs takes three non-negative counts 's1,s2,s3', got '{text}'.");
        var epochs = parts.Select(int.Parse).ToArray();
        if (epochs.Sum() == 0) throw new ArgumentException("--epochs 0,0,0 would write an untrained generator; give at least one epoch.");
        return epochs;
    }

    static LossWeights? ParseWeights(string? text)
    {
        if (text == null) return null;
        var v = text.Split(',', StringSplitOptions.TrimEntries)
            .Select(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : float.NaN).ToArray();
        if (v.Length is not (6 or 10) || v.Any(float.IsNaN))
            throw new ArgumentException($"Loss weights are six numbers pixel,id,q,adv_img,adv_z,tv (ten with cycle,mask,mask_tv,cls); got '{text}'.");
        return v.Length == 6 ? new LossWeights(v[0], v[1], v[2], v[3], v[4], v[5]) : new LossWeights(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }
}
