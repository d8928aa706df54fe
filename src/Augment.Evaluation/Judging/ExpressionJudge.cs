using Augment.Classifier;
using Augment.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace Augment.Evaluation.Judging;

/// <summary>
/// The classifier that reads the expression of edited faces: any fitted ML.NET multiclass model that takes a
/// <c>Features</c> vector (C*H*W floats in [-1, 1]) and appends a <c>Score</c> vector of class probabilities.
/// <see cref="Train"/> fits the project's ExpressionCnn on real images only.
/// </summary>
public sealed class ExpressionJudge : IDisposable
{
    readonly MLContext _ml;
    readonly ITransformer _model;
    readonly int _imageSize;

    public ExpressionJudge(MLContext ml, ITransformer model, IReadOnlyList<string> classNames, int channels, int height, int width, string description)
    {
        _ml = ml;
        _model = model;
        ClassNames = classNames;
        Channels = channels;
        Height = height;
        Width = width;
        _imageSize = channels * height * width;
        Description = description;
    }

    public IReadOnlyList<string> ClassNames { get; }
    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public string Description { get; }

    /// <summary>
    /// Fits <c>mlContext.MulticlassClassification.Trainers.ExpressionCnn(options)</c> on the real images of
    /// <paramref name="train"/> (image shape taken from the set; whole subjects held out for epoch selection).
    /// </summary>
    public static ExpressionJudge Train(MLContext ml, FaceSet train, ExpressionCnnOptions options)
    {
        var o = options with
        {
            Channels = train.Channels, Height = train.Height, Width = train.Width,
            SubjectColumnName = train.HasSubjects ? FaceSetDataView.Subject : null,
        };
        var model = ml.MulticlassClassification.Trainers.ExpressionCnn(o).Fit(train.ToDataView(ml));
        var selection = o.ValidationFraction > 0
            ? $"kept epoch {model.BestEpoch}, validation {o.ValidationFraction:P0} of {(o.SubjectColumnName != null ? "training subjects" : "training images")}"
            : "last epoch kept, no validation hold-out";
        var description = $"ExpressionCnn {o.Architecture}, {o.Epochs} epochs ({selection}), " +
            $"{(o.Augment ? $"flips and shifts up to {o.MaxShift} px" : "no flips or shifts")}, " +
            $"batch {o.BatchSize}, lr {o.LearningRate}, seed {o.Seed}, trained on {train.Count} real images";
        return new ExpressionJudge(ml, model, train.ClassNames, train.Channels, train.Height, train.Width, description);
    }

    /// <summary>Class probabilities (N x K) of images N x C x H x W in [-1, 1].</summary>
    public float[][] Probabilities(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != Channels || images.shape[2] != Height || images.shape[3] != Width)
            throw new ArgumentException($"The judge reads {Channels} x {Height} x {Width} images, got [{string.Join(", ", images.shape)}].");
        var n = (int)images.shape[0];
        if (n == 0) return [];
        using var cpu = images.detach().cpu().to_type(ScalarType.Float32).contiguous();
        var pixels = cpu.data<float>().ToArray();
        var rows = Enumerable.Range(0, n).Select(i => new ImageRow { Features = pixels.AsSpan(i * _imageSize, _imageSize).ToArray() });
        var definition = SchemaDefinition.Create(typeof(ImageRow));
        definition[nameof(ImageRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _imageSize);
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows, definition));
        var scores = scored.GetColumn<float[]>(scored.Schema["Score"]).ToArray();
        if (scores.Length != n || scores.Any(s => s.Length != ClassNames.Count))
            throw new InvalidOperationException($"The judge returned {scores.Length} score rows for {n} images (expected {ClassNames.Count} classes each).");
        return scores;
    }

    /// <summary>The class the judge picks from a row of <see cref="Probabilities"/> (the first of ties).</summary>
    public static int Predicted(float[] probabilities)
    {
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++) if (probabilities[i] > probabilities[best]) best = i;
        return best;
    }

    public void Dispose() => (_model as IDisposable)?.Dispose();

    sealed class ImageRow
    {
        public float[] Features { get; set; } = [];
    }
}
