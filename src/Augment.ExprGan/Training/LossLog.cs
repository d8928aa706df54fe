using System.Globalization;
using Augment.Core;

namespace Augment.ExprGan.Training;

/// <summary>
/// losses.csv: one row per training step (stage, epoch, step, images seen, wall and process CPU seconds since the
/// epoch began (their ratio shows how busy the machine was), every loss), appended and
/// flushed as training goes so a killed run keeps its log. On resume, rows of unfinished epochs are dropped first.
/// </summary>
public sealed class LossLog : IDisposable
{
    public static readonly string Header = "stage,epoch,step,images,seconds,cpu_seconds," + string.Join(",", StepLosses.Columns);
    readonly StreamWriter writer;

    LossLog(string path)
    {
        writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    /// <summary>Starts a fresh log.</summary>
    public static LossLog Create(string path)
    {
        AtomicFile.WriteAllText(path, Header + "\n");
        return new LossLog(path);
    }

    /// <summary>Continues a log, keeping only the rows of epochs a checkpoint holds (completedEpochs per stage).</summary>
    public static LossLog Resume(string path, int[] completedEpochs)
    {
        var kept = new List<string> { Header };
        if (File.Exists(path))
            foreach (var line in File.ReadLines(path).Skip(1))
            {
                var cells = line.Split(',');
                if (cells.Length < 2 || !int.TryParse(cells[0], out var stage) || !int.TryParse(cells[1], out var epoch)) continue;
                if (stage >= 1 && stage <= completedEpochs.Length && epoch < completedEpochs[stage - 1]) kept.Add(line);
            }
        AtomicFile.WriteAllText(path, string.Join("\n", kept) + "\n");
        return new LossLog(path);
    }

    public void Append(int stage, int epoch, int step, long images, double seconds, double cpuSeconds, StepLosses losses)
    {
        var cells = new List<string>
        {
            stage.ToString(CultureInfo.InvariantCulture), epoch.ToString(CultureInfo.InvariantCulture),
            step.ToString(CultureInfo.InvariantCulture), images.ToString(CultureInfo.InvariantCulture),
            seconds.ToString("0.#####", CultureInfo.InvariantCulture), cpuSeconds.ToString("0.#####", CultureInfo.InvariantCulture),
        };
        cells.AddRange(losses.Values().Select(v => float.IsNaN(v) ? "" : v.ToString("G6", CultureInfo.InvariantCulture)));
        writer.WriteLine(string.Join(",", cells));
    }

    /// <summary>Reads a losses.csv: column names and rows (NaN for empty cells).</summary>
    public static (string[] Columns, List<double[]> Rows) Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].StartsWith("stage,", StringComparison.Ordinal))
            throw new InvalidDataException($"'{path}' is not an ExprGAN losses.csv (no 'stage,...' header).");
        var columns = lines[0].Split(',');
        var rows = new List<double[]>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            rows.Add(line.Split(',').Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray());
        return (columns, rows);
    }

    public void Dispose() => writer.Dispose();
}
