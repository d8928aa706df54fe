using Augment.Augmentation.Onnx;
using Augment.ExprGan;
using Augment.Torch;

namespace Augment.Augmentation;

/// <summary>Which expression each synthetic row is rendered in.</summary>
public enum TargetClassPolicy
{
    /// <summary>Every class the label column can hold gets N / K synthetic rows (the remainder spread one each).</summary>
    Balanced,
    /// <summary>Synthetic rows per class in proportion to the real rows per class (largest-remainder rounding).</summary>
    MatchRealDistribution,
}

/// <summary>What runs the generator: TorchSharp (libtorch) or ONNX Runtime (an exported .onnx file, no libtorch needed).</summary>
public enum GeneratorBackend { TorchSharp, Onnx }

/// <summary>
/// Options of <see cref="ExprGanAugmentingEstimator"/>. Give the generator either as a loaded
/// <see cref="Generator"/> (the caller keeps ownership) or as <see cref="GeneratorPath"/>: a generator
/// checkpoint (TorchSharp or ONNX backend) or an exported .onnx file (ONNX backend only).
/// </summary>
public sealed record ExprGanAugmentOptions
{
    /// <summary>A loaded generator; the augmenter never disposes it.</summary>
    public IExpressionGenerator? Generator { get; init; }

    /// <summary>A generator checkpoint (ExprGanGenerator.Save) or an .onnx file from `augment export-onnx`.</summary>
    public string? GeneratorPath { get; init; }

    /// <summary>How many synthetic rows to append after the real ones.</summary>
    public int SyntheticCount { get; init; }

    /// <summary>How the column's vector values map to pixels; say it, the augmenter cannot guess it.</summary>
    public required PixelLayout Layout { get; init; }

    public TargetClassPolicy TargetPolicy { get; init; } = TargetClassPolicy.Balanced;

    /// <summary>Expression intensity of each synthetic row, in [0, 1]; uniform over [0, 1] by default.</summary>
    public IntensitySampler Intensity { get; init; } = IntensitySampler.Uniform(0f, 1f);

    /// <summary>Synthetic images generated per forward pass; also the unit of streaming (memory is O(BatchSize)).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Fixes the whole plan: which real row, target class and intensity each synthetic row gets.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>TorchSharp backend only: where the generator runs (ONNX runs on the CPU).</summary>
    public DeviceKind Device { get; init; } = DeviceKind.Cpu;

    public GeneratorBackend Backend { get; init; } = GeneratorBackend.TorchSharp;

    /// <summary>ONNX backend only: ONNX Runtime intra-op threads, 0 = its default (TorchSharp uses torch.set_num_threads).</summary>
    public int OnnxThreads { get; init; }

    /// <summary>The image vector column (float or byte, C*H*W values of the generator's image size).</summary>
    public string ImageColumn { get; init; } = "Features";

    /// <summary>The label column: key (as MapValueToKey makes it), text, or an integer class index.</summary>
    public string LabelColumn { get; init; } = "Label";

    /// <summary>
    /// The Boolean column marking rows: false on the input's rows, true on synthetic ones; a classifier reads it to
    /// cap the synthetic share of its batches (ExpressionCnnOptions.SyntheticColumnName).
    /// </summary>
    public string SyntheticColumn { get; init; } = AugmentedColumns.IsSynthetic;

    /// <summary>
    /// The Single example-weight column: 1 on the input's rows, <see cref="SyntheticWeight"/> on synthetic ones; give its
    /// name to a trainer as ExampleWeightColumnName (ML.NET's convention for weighted loss).
    /// </summary>
    public string WeightColumn { get; init; } = AugmentedColumns.Weight;

    /// <summary>Example weight of every synthetic row (real rows weigh 1); finite and >= 0.</summary>
    public float SyntheticWeight { get; init; } = 1f;

    /// <summary>Checks what can be checked without the data; throws ArgumentException naming the option.</summary>
    public void Validate()
    {
        if (Generator == null && string.IsNullOrWhiteSpace(GeneratorPath))
            throw new ArgumentException("ExprGanAugmentOptions: set Generator (a loaded generator) or GeneratorPath (a checkpoint or .onnx file).");
        if (Generator != null && !string.IsNullOrWhiteSpace(GeneratorPath))
            throw new ArgumentException("ExprGanAugmentOptions: set Generator or GeneratorPath, not both.");
        if (GeneratorPath != null && !File.Exists(GeneratorPath))
            throw new FileNotFoundException($"ExprGanAugmentOptions.GeneratorPath: no file at '{GeneratorPath}'.", GeneratorPath);
        if (SyntheticCount < 0)
            throw new ArgumentOutOfRangeException(nameof(SyntheticCount), SyntheticCount, "ExprGanAugmentOptions.SyntheticCount must be >= 0.");
        if (OnnxThreads < 0)
            throw new ArgumentOutOfRangeException(nameof(OnnxThreads), OnnxThreads, "ExprGanAugmentOptions.OnnxThreads must be >= 0.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "ExprGanAugmentOptions.BatchSize must be >= 1.");
        if (string.IsNullOrWhiteSpace(ImageColumn) || string.IsNullOrWhiteSpace(LabelColumn))
            throw new ArgumentException("ExprGanAugmentOptions: ImageColumn and LabelColumn must be named.");
        if (ImageColumn == LabelColumn)
            throw new ArgumentException($"ExprGanAugmentOptions: ImageColumn and LabelColumn are both '{ImageColumn}'.");
        if (string.IsNullOrWhiteSpace(SyntheticColumn) || string.IsNullOrWhiteSpace(WeightColumn))
            throw new ArgumentException("ExprGanAugmentOptions: SyntheticColumn and WeightColumn must be named.");
        // An added column named like an input column the augmenter reads would hide it from everything downstream.
        string[] added = [SyntheticColumn, AugmentedColumns.Intensity, AugmentedColumns.SourceRow, WeightColumn];
        if (added.Distinct(StringComparer.Ordinal).Count() != added.Length || added.Contains(ImageColumn) || added.Contains(LabelColumn))
            throw new ArgumentException($"ExprGanAugmentOptions: the added columns ({string.Join(", ", added)}) must have distinct names, " +
                $"none of them the image column '{ImageColumn}' or the label column '{LabelColumn}'.");
        if (!float.IsFinite(SyntheticWeight) || SyntheticWeight < 0)
            throw new ArgumentOutOfRangeException(nameof(SyntheticWeight), SyntheticWeight, "ExprGanAugmentOptions.SyntheticWeight must be finite and >= 0.");
        if (Backend == GeneratorBackend.Onnx && Device == DeviceKind.Cuda)
            throw new ArgumentException("ExprGanAugmentOptions: the ONNX backend runs on the CPU (Microsoft.ML.OnnxRuntime); use Device = Cpu or the TorchSharp backend for CUDA.");
        if (Backend == GeneratorBackend.TorchSharp && GeneratorPath != null && OnnxFile.IsOnnxPath(GeneratorPath))
            throw new ArgumentException($"ExprGanAugmentOptions: '{GeneratorPath}' is an ONNX file; set Backend = GeneratorBackend.Onnx to run it (the TorchSharp backend needs a generator checkpoint).");
        Layout.Validate();
        Intensity.Validate();
    }
}
