using Augment.ExprGan.Training;
using Augment.Augmentation;
using Augment.Data;
using Augment.ExprGan.Model;
using Microsoft.ML;
using Microsoft.ML.Data;
using SkiaSharp;
using TorchSharp;
using static Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator;

namespace Augment.Tests.Augmentation;

// ---- docs/augmenter.md quotes this example verbatim (from here to the end marker) ----

/// <summary>One image file; its folder is its expression, the file name's S### prefix its subject.</summary>
public sealed class FaceImage
{
    public string Path { get; set; } = "";
    public string Label { get; set; } = "";
    public string Subject { get; set; } = "";
}

public sealed class ExpressionPrediction
{
    public string Expression { get; set; } = "";
}

public static class ReadmeExample
{
    /// <summary>
    /// A folder of face images (one sub-folder per expression) -> a classifier trained on the real images plus
    /// <paramref name="syntheticCount"/> ExprGAN edits of them; returns the test metrics and one prediction made by
    /// the saved model, which needs neither the generator nor libtorch.
    /// </summary>
    public static (MulticlassClassificationMetrics Metrics, string Prediction) Run(string imageFolder, string generatorPath,
        string modelPath, int imageSize, int syntheticCount)
    {
        var ml = new MLContext(seed: 1);
        var files = Faces(imageFolder);
        var data = ml.Data.LoadFromEnumerable(files);
        var split = Split(ml, data);

        // Same pixel settings in ExtractPixels and in the augmenter's layout, so synthetic rows match real ones.
        const float scale = 1f / 255;
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", imageFolder: null, inputColumnName: nameof(FaceImage.Path)))
            .Append(ml.Transforms.ResizeImages("Image", imageSize, imageSize))
            .Append(ml.Transforms.ConvertToGrayscale("Image"))
            .Append(ml.Transforms.ExtractPixels("Features", "Image", ColorBits.Red, scaleImage: scale))
            .Append(ml.Transforms.AugmentWithExprGan(new ExprGanAugmentOptions
            {
                GeneratorPath = generatorPath,                       // a trained ExprGAN generator checkpoint
                SyntheticCount = syntheticCount,
                Layout = PixelLayout.FromExtractPixels(ColorBits.Red, scaleImage: scale),
                TargetPolicy = TargetClassPolicy.Balanced,
                Intensity = IntensitySampler.Uniform(0.5f, 1f),
                ImageColumn = "Features",
                LabelColumn = "Label",
                Seed = 1,
            }), TransformerScope.Training)                           // training only: never augments test or scoring data
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy("Label", "Features"))
            .Append(ml.Transforms.Conversion.MapKeyToValue(nameof(ExpressionPrediction.Expression), "PredictedLabel"));

        using var model = pipeline.Fit(split.TrainSet);
        var scoring = model.GetModelFor(TransformerScope.Scoring);   // the chain without the augmenter
        var metrics = ml.MulticlassClassification.Evaluate(scoring.Transform(split.TestSet));
        ml.Model.Save(scoring, data.Schema, modelPath);              // plain ML.NET model file

        var loaded = new MLContext().Model.Load(modelPath, out _);
        var engine = ml.Model.CreatePredictionEngine<FaceImage, ExpressionPrediction>(loaded);
        return (metrics, engine.Predict(files[0]).Expression);
    }

    /// <summary>Every PNG under the folder, labelled by its sub-folder.</summary>
    public static FaceImage[] Faces(string imageFolder) =>
        Directory.GetFiles(imageFolder, "*.png", SearchOption.AllDirectories)
            .Select(file => new FaceImage
            {
                Path = file,
                Label = Path.GetFileName(Path.GetDirectoryName(file)!),
                Subject = Path.GetFileName(file).Split('_')[0],
            })
            .ToArray();

    /// <summary>Subject-independent split: no person in both train and test.</summary>
    public static DataOperationsCatalog.TrainTestData Split(MLContext ml, IDataView data) =>
        ml.Data.TrainTestSplit(data, testFraction: 0.25, samplingKeyColumnName: nameof(FaceImage.Subject), seed: 1);
}

// ---- end of the docs/augmenter.md example ----

public sealed class ReadmeExampleTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("augment-readme-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TheDocumentedPipelineRunsFromImageFilesToASavedClassifier()
    {
        var folder = Path.Combine(_root, "faces");
        WriteFaces(folder, subjects: 8);
        var generatorPath = Path.Combine(_root, "generator.ckpt");
        var arch = ExprGanPreset.Tiny.Architecture(channels: 1, classes: Expressions.Paper.Count);
        using (var generator = Augment.ExprGan.ExprGanGenerator.Create(arch, Expressions.Paper, torch.CPU, seed: 3))
            generator.Save(generatorPath);
        var modelPath = Path.Combine(_root, "model.zip");

        var (metrics, prediction) = ReadmeExample.Run(folder, generatorPath, modelPath, arch.ImageSize, syntheticCount: 60);

        // Scored on the held-out subjects' real faces only: the same split, taken here, holds every scored row (the 60
        // synthetic rows stay in training), and no subject is on both sides.
        var ml = new MLContext(seed: 1);
        var faces = ReadmeExample.Faces(folder);
        var split = ReadmeExample.Split(ml, ml.Data.LoadFromEnumerable(faces));
        string[] Subjects(IDataView view) => [.. view.GetColumn<string>(nameof(FaceImage.Subject)).Distinct()];
        Assert.Empty(Subjects(split.TestSet).Intersect(Subjects(split.TrainSet)));
        var counts = metrics.ConfusionMatrix.Counts;
        Assert.Equal(split.TestSet.GetColumn<string>(nameof(FaceImage.Path)).Count(), (int)counts.Sum(row => row.Sum()));
        // Macro accuracy is the mean recall of the classes the test set holds, from that matrix.
        Assert.Equal(counts.Select((row, c) => (row, c)).Where(x => x.row.Sum() > 0).Average(x => x.row[x.c] / x.row.Sum()), metrics.MacroAccuracy, 12);

        // The saved model is the chain without the augmenter: it loads and predicts with the generator gone.
        File.Delete(generatorPath);
        var loaded = new MLContext().Model.Load(modelPath, out _);
        Assert.Equal(prediction, ml.Model.CreatePredictionEngine<FaceImage, ExpressionPrediction>(loaded).Predict(faces[0]).Expression);
        Assert.Contains(prediction, Folders);
    }

    static readonly string[] Folders = ["angry", "disgust", "fear", "happy", "sad", "surprise"];

    /// <summary>Gray 24x24 PNGs in one folder per expression, named S###_001_0000001.png like CK+; brightness tells the class apart.</summary>
    static void WriteFaces(string folder, int subjects)
    {
        var random = new Random(2);
        for (int e = 0; e < Folders.Length; e++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(folder, Folders[e])).FullName;
            for (int s = 0; s < subjects; s++)
            {
                using var bitmap = new SKBitmap(new SKImageInfo(24, 24, SKColorType.Gray8, SKAlphaType.Opaque));
                for (int y = 0; y < 24; y++)
                    for (int x = 0; x < 24; x++)
                    {
                        var v = (byte)Math.Clamp(30 * e + (y < 12 ? 40 : 0) + random.Next(60), 0, 255);
                        bitmap.SetPixel(x, y, new SKColor(v, v, v));
                    }
                using var file = File.Create(Path.Combine(dir, $"S{s + 1:000}_001_0000001.png"));
                bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
            }
        }
    }
}
