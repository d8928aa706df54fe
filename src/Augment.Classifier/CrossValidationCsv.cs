using CsvHelper;

namespace Augment.Classifier;

[CsvRecord]
public sealed partial class CvSummaryRow
{
    public string Model { get; set; } = "";
    public int Folds { get; set; }
    public int Images { get; set; }
    public double AccuracyMean { get; set; }
    public double AccuracyStd { get; set; }
    public double MacroF1Mean { get; set; }
    public double PooledAccuracy { get; set; }
    public double PooledMacroF1 { get; set; }
    public double Seconds { get; set; }
}

[CsvRecord]
public sealed partial class CvFoldRow
{
    public string Model { get; set; } = "";
    public int Fold { get; set; }
    public int Train { get; set; }
    public int Test { get; set; }
    public double Accuracy { get; set; }
    public double MacroF1 { get; set; }
    public int? BestEpoch { get; set; }
    public double Seconds { get; set; }
}

[CsvRecord]
public sealed partial class CvClassRow
{
    public string Model { get; set; } = "";
    public string Class { get; set; } = "";
    public int Images { get; set; }
    public int Correct { get; set; }
    public double Accuracy { get; set; }
}

[CsvRecord]
public sealed partial class CvConfusionRow
{
    public string Model { get; set; } = "";
    public string Truth { get; set; } = "";
    public string Predicted { get; set; } = "";
    public int Count { get; set; }
}

/// <summary>The CSV side of a cross-validation report, one long-format file per table (atomic writes).</summary>
public static class CrossValidationCsv
{
    public static void Write(string directory, string stem, IReadOnlyList<CrossValidationResult> results)
    {
        Save(Path.Combine(directory, $"{stem}.summary.csv"), results.Select(r => new CvSummaryRow
        {
            Model = r.Model, Folds = r.Folds.Count, Images = r.Folds.Sum(f => f.TestCount),
            AccuracyMean = r.AccuracyMean, AccuracyStd = r.AccuracyStd, MacroF1Mean = r.MacroF1Mean,
            PooledAccuracy = r.PooledAccuracy, PooledMacroF1 = r.PooledMacroF1, Seconds = r.Seconds,
        }));
        Save(Path.Combine(directory, $"{stem}.folds.csv"), results.SelectMany(r => r.Folds.Select(f => new CvFoldRow
        {
            Model = r.Model, Fold = f.Fold, Train = f.TrainCount, Test = f.TestCount, Accuracy = f.Accuracy,
            MacroF1 = f.MacroF1, BestEpoch = f.BestEpoch, Seconds = f.Seconds,
        })));
        Save(Path.Combine(directory, $"{stem}.classes.csv"), results.SelectMany(r =>
        {
            var confusion = r.Confusion;
            return r.ClassNames.Select((name, c) => new CvClassRow
            {
                Model = r.Model, Class = name, Images = confusion[c].Sum(), Correct = confusion[c][c], Accuracy = r.PerClassAccuracy[c],
            });
        }));
        Save(Path.Combine(directory, $"{stem}.confusion.csv"), results.SelectMany(r =>
        {
            var confusion = r.Confusion;
            return r.ClassNames.SelectMany((truth, t) => r.ClassNames.Select((predicted, p) => new CvConfusionRow
            {
                Model = r.Model, Truth = truth, Predicted = predicted, Count = confusion[t][p],
            }));
        }));
    }

    static void Save<T>(string path, IEnumerable<T> rows) => Augment.Core.AtomicFile.Write(path, stream =>
    {
        using var writer = CsvWriter.Create(stream, null, true);
        writer.WriteRecords(rows);
    });
}
