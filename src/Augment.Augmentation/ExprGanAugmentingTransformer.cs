using Augment.Augmentation.Generation;
using Augment.ExprGan;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Augmentation;

/// <summary>
/// Appends synthetic rows to a data view: the input's rows, then <see cref="ExprGanAugmentOptions.SyntheticCount"/>
/// rows whose images are real input images re-rendered by the ExprGAN generator in a target expression at a
/// sampled intensity. A training-time transform: append it with TransformerScope.Training and save the scoring
/// chain (model.GetModelFor(TransformerScope.Scoring)); saving a chain that holds it throws.
/// Disposing it frees a generator it loaded from a path (never one the caller passed in).
/// </summary>
public sealed class ExprGanAugmentingTransformer : ITransformer, IDisposable
{
    internal const string SaveRefusal =
        "The ExprGAN augmenter is a training-time transform and is not saved into ML.NET model files (the generator " +
        "is a separate checkpoint). Append it with TransformerScope.Training — pipeline.Append(augmenter, TransformerScope.Training) — " +
        "and save the scoring chain: mlContext.Model.Save(model.GetModelFor(TransformerScope.Scoring), schema, path).";

    readonly IExpressionRenderer _renderer;
    readonly bool _ownsRenderer;

    internal ExprGanAugmentingTransformer(ExprGanAugmentOptions options, IExpressionRenderer renderer, bool ownsRenderer)
    {
        Options = options;
        _renderer = renderer;
        _ownsRenderer = ownsRenderer;
    }

    public ExprGanAugmentOptions Options { get; }

    /// <summary>Classes, image shape and code sizes of the generator in use.</summary>
    public GeneratorInfo Generator => _renderer.Info;

    /// <summary>Which backend renders, e.g. "ONNX Runtime cpu".</summary>
    public string Backend => _renderer.Name;

    /// <summary>Adds rows, so it is not a row-to-row mapper (no prediction engine over it).</summary>
    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => AugmenterBinding.Bind(inputSchema, Options, Generator).OutputSchema;

    /// <summary>Lazy: nothing is read or generated until a cursor moves.</summary>
    public IDataView Transform(IDataView input) =>
        new AugmentedDataView(input, AugmenterBinding.Bind(input.Schema, Options, Generator), _renderer, Options);

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException(
        "The ExprGAN augmenter adds rows, so it has no row-to-row mapper; score with the chain that excludes it " +
        "(model.GetModelFor(TransformerScope.Scoring)).");

    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(SaveRefusal);

    public void Dispose()
    {
        if (_ownsRenderer) _renderer.Dispose();
    }
}
