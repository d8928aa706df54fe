using System.ComponentModel;
using Augment.Data;
using Augment.Data.Loading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

/// <summary>The options every command that reads a data set shares: --dataset NAME --data PATH and how to load it.</summary>
public class DatasetSettings : CommandSettings
{
    [CommandOption("--dataset <NAME>")]
    [Description("Data set: procedural (default, embedded), ck48, ckplus, folder, oulu, fer2013. See the 'datasets' command.")]
    [DefaultValue(DatasetCatalog.Default)]
    public string Dataset { get; set; } = DatasetCatalog.Default;

    [CommandOption("--data <PATH>")]
    [Description("Where the data set is (folder, or fer2013.csv). ck48 defaults to $AUGMENT_CK48 or ../shared/datasets/ck48.")]
    public string? Data { get; set; }

    [CommandOption("--size <PX>")]
    [Description("Resize every image to PX x PX (high-quality filter, intensities not rescaled). Default: the command's (train: the preset's size; sweep: 32 procedural, 48 real data; otherwise the source size, procedural 64).")]
    public int? Size { get; set; }

    [CommandOption("--rgb")]
    [Description("Load 3 channels (RGB) instead of 1 (gray).")]
    public bool Rgb { get; set; }

    [CommandOption("--classes <LIST>")]
    [Description("Comma-separated classes (synonyms accepted). Default: anger,disgust,fear,happiness,sadness,surprise.")]
    public string? Classes { get; set; }

    [CommandOption("--contempt")]
    [Description("Add CK+ contempt to the classes.")]
    public bool Contempt { get; set; }

    [CommandOption("--max-images <N>")]
    [Description("Keep at most N images (seeded random choice).")]
    public int? MaxImages { get; set; }

    [CommandOption("--skip-bad")]
    [Description("Skip unreadable or inconsistent files (listed in the load report) instead of stopping.")]
    public bool SkipBad { get; set; }

    [CommandOption("--crop")]
    [Description("Centre-crop to the target aspect ratio before resizing (default: stretch).")]
    public bool Crop { get; set; }

    [CommandOption("--subject-pattern <REGEX>")]
    [Description("Regex on the path under the data root giving the subject (group 'subject' or 1). Default: CK+ names S005_001_*.")]
    public string? SubjectPattern { get; set; }

    [CommandOption("--seed <N>")]
    [Description("Seed for sampling and for the procedural faces.")]
    [DefaultValue(1)]
    public int Seed { get; set; } = 1;

    public FaceLoadOptions ToLoadOptions()
    {
        var classes = Classes is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : Expressions.Paper.ToList();
        if (Contempt) classes.Add(Expressions.Contempt);
        return new FaceLoadOptions
        {
            Width = Size, Height = Size, Rgb = Rgb, Classes = classes, MaxImages = MaxImages, SkipBad = SkipBad,
            Resize = Crop ? ResizeMode.CenterCrop : ResizeMode.Stretch, SubjectPattern = SubjectPattern, Seed = Seed,
        };
    }

    public override ValidationResult Validate()
    {
        if (Size is <= 0) return ValidationResult.Error("--size must be positive.");
        if (MaxImages is <= 0) return ValidationResult.Error("--max-images must be positive.");
        if (DatasetCatalog.CanonicalName(Dataset) == null)
            return ValidationResult.Error($"Unknown --dataset '{Dataset}'; known: {string.Join(", ", DatasetCatalog.Known.Select(k => k.Name))}.");
        try { ToLoadOptions().Validate(); }
        catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
        return ValidationResult.Success();
    }

    /// <summary>
    /// Loads a data set, turning the usual mistakes into messages that name the option: --data that is a file where a
    /// folder is expected (or missing), and CK+48 not at its default place (with how to point at it).
    /// </summary>
    public static FaceSet Load(string dataset, string? data, FaceLoadOptions options, Augment.Data.Procedural.ProceduralOptions? procedural = null)
    {
        var name = CheckDataPath(dataset, data);
        var set = DatasetCatalog.Create(name, data, options, procedural).Load(out var report, new ConsoleProgress());
        PrintReport(report);
        return set;
    }

    /// <summary>Throws a message naming --data (or $AUGMENT_CK48) when the data cannot be where it is said to be; returns the catalog name.</summary>
    public static string CheckDataPath(string dataset, string? data)
    {
        var name = DatasetCatalog.CanonicalName(dataset) ?? throw new ArgumentException($"Unknown --dataset '{dataset}'.");
        if (data != null && name != "procedural")
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
        return name;
    }

    /// <summary>Prints a load report: counts, notes and skipped inputs.</summary>
    public static void PrintReport(LoadReport report)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{report.Dataset}[/] from {report.Source}: {report.Loaded} images, {report.SkippedCount} skipped");
        foreach (var note in report.Notes) AnsiConsole.MarkupLineInterpolated($"  [grey]note:[/] {note}");
        foreach (var s in report.Skipped) AnsiConsole.MarkupLineInterpolated($"  [yellow]skipped:[/] {s.Path}: {s.Reason}");
    }
}
