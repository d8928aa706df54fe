using Augment.Core;
using CsvHelper;

namespace Augment.ExprGan.Training;

/// <summary>
/// losses.csv: one <see cref="LossRow"/> per training step, appended and flushed as training goes so a killed run keeps
/// its log. On resume, rows of unfinished epochs are dropped first. Written and read through the same CsvHelper map.
/// </summary>
public sealed class LossLog : IDisposable
{
    // LF line ends, as the log has always had (CsvHelper's default is CRLF); the header is written once, by Rewrite.
    static readonly CsvWriterOptions Format = new() { NewLine = "\n", HasHeader = false };
    readonly CsvWriter writer;

    LossLog(string path) =>
        writer = CsvWriter.Create(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), Format, leaveOpen: false);

    /// <summary>Starts a fresh log.</summary>
    public static LossLog Create(string path) => Rewrite(path, []);

    /// <summary>Continues a log, keeping only the rows of epochs a checkpoint holds (completedEpochs per stage).</summary>
    public static LossLog Resume(string path, int[] completedEpochs) =>
        Rewrite(path, File.Exists(path)
            ? Read(path).Where(r => r.Stage >= 1 && r.Stage <= completedEpochs.Length && r.Epoch < completedEpochs[r.Stage - 1]).ToList()
            : []);

    static LossLog Rewrite(string path, IReadOnlyList<LossRow> rows)
    {
        AtomicFile.Write(path, stream =>
        {
            using var csv = CsvWriter.Create(stream, Format, leaveOpen: true);
            csv.WriteHeader<LossRow>();
            foreach (var row in rows) csv.WriteRecord(row);
        });
        return new LossLog(path);
    }

    public void Append(LossRow row)
    {
        writer.WriteRecord(row);
        writer.Flush();
    }

    /// <summary>Reads a losses.csv; a row that does not read (cut off when a run was killed) is left out.</summary>
    public static IReadOnlyList<LossRow> Read(string path)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', OnRecordError = _ => true });
        if (csv.Headers.Count == 0 || csv.Headers[0] != "stage")
            throw new InvalidDataException($"'{path}' is not an ExprGAN losses.csv (no 'stage,...' header).");
        return csv.GetRecords<LossRow>().ToList();
    }

    public void Dispose() => writer.Dispose();
}
