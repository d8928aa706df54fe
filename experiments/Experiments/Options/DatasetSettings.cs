using System.ComponentModel;
using Augment.Data;
using Augment.Data.Loading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Options;

/// <summary>
/// The options of every command that reads a data set (--dataset, --data and how to load it), with the torch options
/// those commands share. <see cref="ToDataOptions"/> maps them onto the library's record; defaults are the record's.
/// </summary>
public class DatasetSettings : TorchSettings
{
    [CommandOption("--dataset <NAME>")]
    [Description("Data set: procedural (embedded), ck48, ckplus, folder, oulu, fer2013. See the 'datasets' command.")]
    [LibraryDefault(typeof(DatasetOptions), nameof(DatasetOptions.Name))]
    public string Dataset { get; init; } = "";

    [CommandOption("--data <PATH>")]
    [Description("Where the data set is (folder, or fer2013.csv). ck48 defaults to $AUGMENT_CK48 or ../shared/datasets/ck48.")]
    public string? Data { get; init; }

    [CommandOption("--size <PX>")]
    [SizeHelp]
    public int? Size { get; init; }

    [CommandOption("--rgb")]
    [Description("Load 3 channels (RGB) instead of 1 (gray).")]
    public bool Rgb { get; init; }

    [CommandOption("--classes <LIST>")]
    [ClassesHelp]
    public string? Classes { get; init; }

    [CommandOption("--contempt")]
    [Description("Add CK+ contempt to the classes.")]
    public bool Contempt { get; init; }

    [CommandOption("--max-images <N>")]
    [Description("Keep at most N images (seeded random choice).")]
    public int? MaxImages { get; init; }

    [CommandOption("--skip-bad")]
    [Description("Skip unreadable or inconsistent files (listed in the load report) instead of stopping.")]
    public bool SkipBad { get; init; }

    [CommandOption("--crop")]
    [Description("Centre-crop to the target aspect ratio before resizing (default: stretch).")]
    public bool Crop { get; init; }

    [CommandOption("--subject-pattern <REGEX>")]
    [Description("Regex on the path under the data root giving the subject (group 'subject' or 1). Default: CK+ names S005_001_*.")]
    public string? SubjectPattern { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed for sampling and for the procedural faces (and the command's splits and models).")]
    [LibraryDefault(typeof(FaceLoadOptions), nameof(FaceLoadOptions.Seed))]
    public int Seed { get; init; }

    /// <summary>The data options of the command line: what was typed over the library's defaults.</summary>
    public DatasetOptions ToDataOptions()
    {
        var d = new DatasetOptions();
        IEnumerable<string> classes = Classes is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : d.Load.Classes;
        if (Contempt) classes = classes.Append(Expressions.Contempt);
        return d with
        {
            Name = DatasetCatalog.CanonicalName(Dataset) ?? throw new ArgumentException($"Unknown --dataset '{Dataset}'."),
            Path = Data,
            Load = d.Load with
            {
                Size = Size, Rgb = Rgb, Classes = classes.ToList(), MaxImages = MaxImages, SkipBad = SkipBad,
                Resize = Crop ? ResizeMode.CenterCrop : d.Load.Resize, SubjectPattern = SubjectPattern, Seed = Seed,
            },
        };
    }

    public override ValidationResult Validate()
    {
        if (Size is <= 0) return ValidationResult.Error("--size must be positive.");
        if (MaxImages is <= 0) return ValidationResult.Error("--max-images must be positive.");
        if (DatasetCatalog.CanonicalName(Dataset) == null)
            return ValidationResult.Error($"Unknown --dataset '{Dataset}'; known: {string.Join(", ", DatasetCatalog.Known.Select(k => k.Name))}.");
        try { ToDataOptions().Load.Validate(); }
        catch (ArgumentException e) { return ValidationResult.Error(e.Message); }
        return base.Validate();
    }
}
