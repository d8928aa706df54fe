using Augment.Core;
using CsvHelper;

namespace Augment.Sweep.Reports;

/// <summary>confusion-*.csv: a summed confusion matrix, one row per true class, one column per predicted class (LF line ends).</summary>
public static class ConfusionCsv
{
    public static void Write(string path, int[,] m, IReadOnlyList<string> names) =>
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
            csv.WriteHeader(["true\\predicted", .. names]);
            for (var r = 0; r < names.Count; r++)
            {
                csv.WriteField(names[r]);
                for (var c = 0; c < names.Count; c++) csv.WriteField(m[r, c]);
                csv.EndRecord();
            }
        });
}
