using Augment.Data;
using Augment.Data.Loading;
using Spectre.Console;

namespace Augment.Experiments.Options;

/// <summary>Loads the data set of a command line, turning the usual mistakes into messages that name the option.</summary>
static class DatasetLoading
{
    /// <summary>The loaded set, after the load report is printed.</summary>
    public static FaceSet Load(DatasetOptions options) => Load(options, out _, out _);

    /// <summary>The loaded set, with its loader (evaluate reads the procedural identities) and the printed load report.</summary>
    public static FaceSet Load(DatasetOptions options, out IFaceSetLoader loader, out LoadReport report)
    {
        CheckDataPath(options.Name, options.Path);
        loader = options.Loader();
        var set = loader.Load(out report, new ConsoleProgress());
        PrintReport(report);
        return set;
    }

    /// <summary>
    /// Throws a message naming --data (or $AUGMENT_CK48) when the data cannot be where it is said to be: a file where a
    /// folder is expected, a missing path, CK+48 not at its default place (with how to point at it).
    /// </summary>
    public static void CheckDataPath(string name, string? data)
    {
        if (data != null && name != DatasetCatalog.Default)
        {
            var fileOk = name == "fer2013";   // fer2013 also reads a CSV file
            if (File.Exists(data) && !fileOk)
                throw new ArgumentException($"--data '{data}' is a file; --dataset {name} needs a folder ({DatasetCatalog.Known.First(k => k.Name == name).Layout}).");
            if (!File.Exists(data) && !Directory.Exists(data))
                throw new ArgumentException($"--data '{data}' does not exist.");
        }
        if (data == null && name == "ck48" && !Directory.Exists(DatasetCatalog.DefaultCk48Path()))
            throw new ArgumentException($"CK+48 is not at {DatasetCatalog.DefaultCk48Path()}: pass --data PATH or set ${DatasetCatalog.Ck48Variable} " +
                "(datasets/README.md says where to get it; the 'datasets' command lists the layouts).");
    }

    /// <summary>Prints a load report: counts, notes and skipped inputs.</summary>
    public static void PrintReport(LoadReport report)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{report.Dataset}[/] from {report.Source}: {report.Loaded} images, {report.SkippedCount} skipped");
        foreach (var note in report.Notes) AnsiConsole.MarkupLineInterpolated($"  [grey]note:[/] {note}");
        foreach (var s in report.Skipped) AnsiConsole.MarkupLineInterpolated($"  [yellow]skipped:[/] {s.Path}: {s.Reason}");
    }
}
