using Augment.Core;
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
        if (o.Threads is { } threads) torch.set_num_threads(threads);
        var device = DeviceChoice.Resolve(o.Device);

        var classNames = ColumnChecks.ClassNames(input.Schema[o.LabelColumnName], (int)key.Count);
        var (pixels, labels, subjects) = ReadRows(input, o);
        if (labels.Length < 2) throw new ArgumentException($"Column '{o.LabelColumnName}' has {labels.Length} rows with a label; the CNN needs at least 2.");
        using var raw = tensor(pixels, [labels.Length, o.Channels, o.Height, o.Width]);
        using var images = PixelScaling.ToNetwork(raw, o.Scale);
        var outcome = CnnTraining.Train(new TrainingSet(images, labels, subjects, classNames.Length), o, device);
        var info = new CnnModelInfo(o.FeatureColumnName, o.Channels, o.Height, o.Width, o.Scale, o.Architecture, classNames);
        return new ExpressionCnnTransformer(outcome.Model, info, device, outcome.History, outcome.BestEpoch);
    }

    /// <summary>Copies the training rows out of the data view: pixels row-major, 0-based labels, subjects if asked.</summary>
    static (float[] Pixels, int[] Labels, string?[]? Subjects) ReadRows(IDataView input, ExpressionCnnOptions o)
    {
        var schema = input.Schema;
        var columns = new List<DataViewSchema.Column> { schema[o.FeatureColumnName], schema[o.LabelColumnName] };
        if (o.SubjectColumnName != null) columns.Add(schema[o.SubjectColumnName]);
        using var cursor = input.GetRowCursor(columns);
        var pixelGetter = cursor.GetGetter<VBuffer<float>>(columns[0]);
        var labelGetter = cursor.GetGetter<uint>(columns[1]);
        var subjectGetter = o.SubjectColumnName != null ? cursor.GetGetter<ReadOnlyMemory<char>>(columns[2]) : null;

        var pixels = new List<float>();
        var labels = new List<int>();
        var subjects = new List<string?>();
        VBuffer<float> buffer = default;
        uint label = 0;
        ReadOnlyMemory<char> subject = default;
        while (cursor.MoveNext())
        {
            labelGetter(ref label);
            if (label == 0) continue;   // missing key value
            pixelGetter(ref buffer);
            pixels.AddRange(buffer.DenseValues());
            labels.Add((int)label - 1);
            if (subjectGetter != null)
            {
                subjectGetter(ref subject);
                subjects.Add(subject.IsEmpty ? null : subject.ToString());
            }
        }
        return (pixels.ToArray(), labels.ToArray(), subjectGetter != null ? subjects.ToArray() : null);
    }
}
