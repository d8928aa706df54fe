using Augment.Augmentation.Generation;
using Augment.Augmentation.Labels;
using Microsoft.ML;

namespace Augment.Augmentation;

/// <summary>
/// The input's rows followed by N synthetic rows, generated lazily in batches as a cursor moves. Holds the
/// plan (three small arrays) and, once a cursor asks for images, the real images; never synthetic images
/// beyond one batch per cursor. Every cursor returns the same rows and values.
/// </summary>
internal sealed class AugmentedDataView : IDataView
{
    readonly Lazy<SyntheticPlan> _plan;
    readonly Lazy<float[]> _realImages;

    public AugmentedDataView(IDataView input, AugmenterBinding binding, IExpressionRenderer renderer, ExprGanAugmentOptions options)
    {
        Input = input;
        Binding = binding;
        Renderer = renderer;
        Options = options;
        Labels = binding.NewLabelCodec();
        _plan = new(BuildPlan, LazyThreadSafetyMode.ExecutionAndPublication);
        _realImages = new(() => RealImageCache.Read(input, binding, _plan.Value.RealCount), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IDataView Input { get; }
    public AugmenterBinding Binding { get; }
    public IExpressionRenderer Renderer { get; }
    public ExprGanAugmentOptions Options { get; }
    public LabelCodec Labels { get; }

    public DataViewSchema Schema => Binding.OutputSchema;
    public bool CanShuffle => false;

    /// <summary>Reads the labels once and fixes every synthetic row's source, target and intensity.</summary>
    public SyntheticPlan Plan => _plan.Value;

    /// <summary>Real images in the generator's layout, read on first use.</summary>
    public float[] RealImages => _realImages.Value;

    public long? GetRowCount() => Input.GetRowCount() is long n ? n + Options.SyntheticCount : null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new AugmentedCursor(this, columnsNeeded);

    /// <summary>One cursor: generation is batched inside it, and batches must follow the plan's order.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    SyntheticPlan BuildPlan()
    {
        var classes = Labels.ReadClasses(Input);
        return SyntheticPlan.Build(Options.SyntheticCount, classes, Labels.RepresentableClasses, Options.TargetPolicy,
            Options.Intensity, Binding.Info.ClassNames, Options.Seed);
    }
}
