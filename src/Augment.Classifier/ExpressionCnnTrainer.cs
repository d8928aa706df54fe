using Augment.MlNet;
using Augment.Torch;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;
using VectorKind = Microsoft.ML.SchemaShape.Column.VectorKind;

namespace Augment.Classifier;

/// <summary>
/// Trains an <see cref="ExpressionCnn"/> on an image vector column and a UInt32 key label column; create it with
/// <c>mlContext.MulticlassClassification.Trainers.ExpressionCnn(options)</c>. Rows with a missing label are skipped.
/// </summary>
public sealed class ExpressionCnnTrainer : IEstimator<ExpressionCnnTransformer>
{
    public ExpressionCnnTrainer(ExpressionCnnOptions options)
    {
        options.Validate();
        Options = options;
    }

    public ExpressionCnnOptions Options { get; }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ColumnChecks.CheckImage(inputSchema, Options.FeatureColumnName, Options.ImageSize);
        var label = ColumnChecks.CheckLabel(inputSchema, Options.LabelColumnName);
        if (Options.SubjectColumnName is { } subject) ColumnChecks.CheckText(inputSchema, subject, "the subject column");
        if (Options.ExampleWeightColumnName is { } weight) ColumnChecks.CheckScalar(inputSchema, weight, ColumnChecks.WeightRole, NumberDataViewType.Single);
        if (Options.SyntheticColumnName is { } synthetic) ColumnChecks.CheckScalar(inputSchema, synthetic, ColumnChecks.SyntheticRole, BooleanDataViewType.Instance);

        var names = label.Annotations.Where(a => a.Name == ColumnChecks.KeyValues)
            .Select(a => SchemaShapeColumns.Make(ColumnChecks.SlotNames, a.Kind, a.ItemType, false)).ToArray();
        var columns = inputSchema.Where(c => c.Name is not (ColumnChecks.PredictedLabel or ColumnChecks.Score)).ToList();
        columns.Add(SchemaShapeColumns.Make(ColumnChecks.PredictedLabel, VectorKind.Scalar, NumberDataViewType.UInt32, true, label.Annotations));
        columns.Add(SchemaShapeColumns.Make(ColumnChecks.Score, VectorKind.Vector, NumberDataViewType.Single, false, new SchemaShape(names)));
        return new SchemaShape(columns);
    }

    public ExpressionCnnTransformer Fit(IDataView input)
    {
        var o = Options;
        ColumnChecks.CheckImage(input.Schema, o.FeatureColumnName, o.ImageSize);
        var key = ColumnChecks.CheckLabel(input.Schema, o.LabelColumnName);
        if (o.SubjectColumnName is { } subject) ColumnChecks.CheckText(input.Schema, subject, "the subject column");
        if (o.ExampleWeightColumnName is { } weight) ColumnChecks.CheckScalar(input.Schema, weight, ColumnChecks.WeightRole, NumberDataViewType.Single);
        if (o.SyntheticColumnName is { } synthetic) ColumnChecks.CheckScalar(input.Schema, synthetic, ColumnChecks.SyntheticRole, BooleanDataViewType.Instance);
        if (o.Threads is { } threads) torch.set_num_threads(threads);
        var device = DeviceChoice.Resolve(o.Device);

        var classNames = ColumnChecks.ClassNames(input.Schema[o.LabelColumnName], (int)key.Count);
        var rows = TrainingRows.Read(input, o);
        if (rows.Labels.Length < 2) throw new ArgumentException($"Column '{o.LabelColumnName}' has {rows.Labels.Length} rows with a label (and a weight above 0); the CNN needs at least 2.");
        using var raw = tensor(rows.Pixels, [rows.Labels.Length, o.Channels, o.Height, o.Width]);
        using var images = PixelScaling.ToNetwork(raw, o.Scale);
        var outcome = CnnTraining.Train(new TrainingSet(images, rows.Labels, rows.Subjects, classNames.Length, rows.Weights, rows.Synthetic), o, device);
        var info = new CnnModelInfo(o.FeatureColumnName, o.Channels, o.Height, o.Width, o.Scale, o.Architecture, classNames);
        return new ExpressionCnnTransformer(outcome.Model, info, device, outcome.History, outcome.BestEpoch, outcome.Summary);
    }
}
