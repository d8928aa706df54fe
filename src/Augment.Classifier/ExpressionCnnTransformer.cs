using System.Reflection;
using Augment.MlNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Classifier;

/// <summary>
/// A trained <see cref="ExpressionCnn"/> as an ML.NET transformer: appends <c>PredictedLabel</c> (a UInt32 key with the
/// label's key values) and <c>Score</c> (class probabilities, slot names = class names), so
/// <c>mlContext.MulticlassClassification.Evaluate</c> works on its output. Saved inside ML.NET model files; before
/// <c>mlContext.Model.Load</c> in a new MLContext call <c>mlContext.ComponentCatalog.RegisterExpressionCnn()</c>.
/// Loaded models score on the CPU.
/// </summary>
public sealed class ExpressionCnnTransformer : ITransformer, IDisposable
{
    internal const string LoaderSignature = "AugmentExpressionCnn";
    const string WeightsStream = "Weights.bin";
    static readonly ModelVersion Version = new("EXPRCNN ", CnnModelInfo.SpaceToDepthVersion, LoaderSignature, typeof(ExpressionCnnTransformer), ReadableFrom: 0x00010001);

    readonly ExpressionCnn _model;
    readonly Device _device;
    readonly object _gate = new();

    internal ExpressionCnnTransformer(ExpressionCnn model, CnnModelInfo info, Device device,
        IReadOnlyList<EpochRecord> history, int bestEpoch, CnnTrainingSummary training)
    {
        Training = training;
        _model = model;
        _model.eval();
        Info = info;
        _device = device;
        History = history;
        BestEpoch = bestEpoch;
    }

    internal CnnModelInfo Info { get; }
    public string FeatureColumnName => Info.FeatureColumnName;
    public IReadOnlyList<string> ClassNames => Info.ClassNames;
    /// <summary>Per-epoch training record (empty for a loaded model).</summary>
    public IReadOnlyList<EpochRecord> History { get; }
    /// <summary>The epoch whose weights were kept (the best on validation, else the last).</summary>
    public int BestEpoch { get; }
    /// <summary>Steps taken, rows drawn from and seen, synthetic share (<see cref="CnnTrainingSummary.None"/> for a loaded model).</summary>
    public CnnTrainingSummary Training { get; }

    public bool IsRowToRowMapper => true;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ColumnChecks.CheckImage(inputSchema, Info.FeatureColumnName, Info.ImageSize);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var column in OutputColumns()) builder.AddColumn(column.Name, column.Type, column.Annotations);
        return builder.ToSchema();
    }

    /// <summary>The two appended columns, with the annotations ML.NET's evaluators read.</summary>
    internal IEnumerable<DataViewSchema.DetachedColumn> OutputColumns()
    {
        var names = new VBuffer<ReadOnlyMemory<char>>(Info.ClassCount, Info.ClassNames.Select(n => n.AsMemory()).ToArray());
        var namesType = new VectorDataViewType(TextDataViewType.Instance, Info.ClassCount);
        var keyValues = new DataViewSchema.Annotations.Builder();
        keyValues.Add(ColumnChecks.KeyValues, namesType, (ref VBuffer<ReadOnlyMemory<char>> v) => names.CopyTo(ref v));
        var slotNames = new DataViewSchema.Annotations.Builder();
        slotNames.Add(ColumnChecks.SlotNames, namesType, (ref VBuffer<ReadOnlyMemory<char>> v) => names.CopyTo(ref v));
        yield return new(ColumnChecks.PredictedLabel, new KeyDataViewType(typeof(uint), Info.ClassCount), keyValues.ToAnnotations());
        yield return new(ColumnChecks.Score, new VectorDataViewType(NumberDataViewType.Single, Info.ClassCount), slotNames.ToAnnotations());
    }

    public IDataView Transform(IDataView input) => new ScoredDataView(this, input, GetOutputSchema(input.Schema));

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        new ScoringMapper(this, inputSchema, GetOutputSchema(inputSchema));

    /// <summary>Class probabilities of one image (C*H*W values in the column's scale).</summary>
    public float[] PredictProbabilities(ReadOnlySpan<float> pixels)
    {
        if (pixels.Length != Info.ImageSize) throw new ArgumentException($"Expected {Info.ImageSize} pixel values (C*H*W), got {pixels.Length}.");
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            // Scored as a batch of two copies: for batch-1 convolutions libtorch probes NNPACK, which this CPU lacks,
            // and logs a warning on every call. Eval-mode batch norm treats rows independently, so the result is the same.
            var x = tensor(pixels.ToArray(), [1, Info.Channels, Info.Height, Info.Width]).expand(2, -1, -1, -1);
            using var scaled = PixelScaling.ToNetwork(x, Info.Scale);
            return nn.functional.softmax(_model.forward(scaled.to(_device)), 1)[0].cpu().data<float>().ToArray();
        }
    }

    /// <summary>Class probabilities of a batch of images (rows of C*H*W values), one array per image.</summary>
    internal float[][] PredictProbabilities(IReadOnlyList<float[]> images)
    {
        if (images.Count == 0) return [];
        if (images.Count == 1) return [PredictProbabilities(images[0])];
        var size = Info.ImageSize;
        var flat = new float[images.Count * size];
        for (var i = 0; i < images.Count; i++)
        {
            if (images[i].Length != size) throw new ArgumentException($"Expected {size} pixel values (C*H*W), got {images[i].Length}.");
            images[i].CopyTo(flat, i * size);
        }
        lock (_gate)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var scaled = PixelScaling.ToNetwork(tensor(flat, [images.Count, Info.Channels, Info.Height, Info.Width]), Info.Scale);
            var p = nn.functional.softmax(_model.forward(scaled.to(_device)), 1).cpu().data<float>().ToArray();
            return Enumerable.Range(0, images.Count).Select(i => p.AsSpan(i * Info.ClassCount, Info.ClassCount).ToArray()).ToArray();
        }
    }

    void ICanSaveModel.Save(ModelSaveContext ctx)
    {
        var weights = new Dictionary<string, Action<BinaryWriter>> { [WeightsStream] = w => { lock (_gate) _model.save(w); } };
        MlNetModelInterop.Save(ctx, Version, Info.Write, weights);
    }

    /// <summary>The loader ML.NET calls through the component catalog (ctx is an internal ModelLoadContext).</summary>
    static ExpressionCnnTransformer Create(IHostEnvironment env, object ctx)
    {
        var info = CnnModelInfo.Read(MlNetModelInterop.OpenModel(ctx, Version), MlNetModelInterop.WrittenVersion(ctx));
        var model = new ExpressionCnn(info.Architecture, info.Channels, info.Height, info.Width, info.ClassCount);
        MlNetModelInterop.LoadBinaryStream(ctx, WeightsStream, r => model.load(r));
        return new ExpressionCnnTransformer(model, info, CPU, [], 0, CnnTrainingSummary.None);
    }

    internal static void RegisterLoader(ComponentCatalog catalog) =>
        MlNetModelInterop.RegisterLoader(catalog, typeof(ExpressionCnnTransformer), LoaderSignature,
            typeof(ExpressionCnnTransformer).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!);

    public void Dispose() => _model.Dispose();
}
