using System.ComponentModel;
using Augment.Core;
using Augment.Data;
using Augment.Data.Imaging;
using Augment.Experiments.Options;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Augment.Experiments.Commands;

[Description("Load a data set and write a contact sheet PNG (classes x samples) plus a summary: images per class, subjects, size.")]
public sealed class ContactSheetCommand : Command<ContactSheetCommand.Settings>
{
    public sealed class Settings : DatasetSettings
    {
        [CommandOption("--per-class <N>")]
        [Description("Samples shown per class (columns).")]
        [DefaultValue(8)]
        public int PerClass { get; set; } = 8;

        [CommandOption("--out <FILE>")]
        [Description("PNG to write. Default: runs/contact-sheet-<dataset>.png (git-ignored: never commit sheets of licensed faces).")]
        public string? Out { get; set; }

        [CommandOption("--scale <N>")]
        [Description("Pixel magnification in the sheet (nearest neighbour). Default: 2 below 96 px, else 1.")]
        public int? Scale { get; set; }

        [CommandOption("--intensity <S>")]
        [Description("Procedural only: render every face at this intensity in [[0, 1]] instead of the default range [[0.3, 1]].")]
        public float? Intensity { get; set; }

        public override ValidationResult Validate()
        {
            if (PerClass <= 0) return ValidationResult.Error("--per-class must be positive.");
            if (Scale is <= 0) return ValidationResult.Error("--scale must be positive.");
            if (Intensity is < 0 or > 1) return ValidationResult.Error("--intensity must be in [0, 1].");
            return base.Validate();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var data = settings.ToDataOptions();
        if (settings.Intensity is { } s)
        {
            if (data.Name != DatasetCatalog.Default) throw new ArgumentException("--intensity applies to the procedural data set only.");
            data = data with { Procedural = data.Procedural with { MinIntensity = s, MaxIntensity = s } };
        }
        settings.ToTorchOptions().Apply();   // the sheet itself is drawn on the CPU
        using var set = DatasetLoading.Load(data, out var loader, out _);

        var rows = SampleRows(set, settings.PerClass, data.Load.Seed);
        var picks = rows.SelectMany(r => r).ToArray();
        using var cells = zeros(set.ClassCount * settings.PerClass, set.Channels, set.Height, set.Width);
        cells.fill_(1f);   // blank cells stay white
        for (var c = 0; c < rows.Count; c++)
            for (var k = 0; k < rows[c].Count; k++)
                cells[c * settings.PerClass + k].copy_(set.Images[rows[c][k]]);

        var counts = set.ClassCounts();
        var subjects = set.HasSubjects ? $"{set.Subjects.Distinct().Count()} subjects" : "subjects unknown";
        var output = settings.Out ?? Path.Combine("runs", $"contact-sheet-{loader.Name}.png");
        ImageGrid.Save(output, cells, new GridOptions
        {
            Columns = settings.PerClass,
            Rows = set.ClassCount,
            RowLabels = set.ClassNames.Select((n, i) => $"{n} ({counts[i]})").ToArray(),
            Title = $"{loader.Name}: {set.Count} images, {subjects}, {set.Width}x{set.Height}x{set.Channels}",
            Scale = settings.Scale ?? (set.Height < 96 ? 2 : 1),
        });

        var table = new Table().AddColumns("class", "images", "subjects");
        for (var i = 0; i < set.ClassCount; i++)
            table.AddRow(set.ClassNames[i], counts[i].ToString(),
                set.HasSubjects ? Enumerable.Range(0, set.Count).Where(j => set.Labels[j] == i).Select(j => set.Subjects[j]).Distinct().Count().ToString() : "-");
        table.AddRow("[bold]total[/]", set.Count.ToString(), set.HasSubjects ? set.Subjects.Distinct().Count().ToString() : "-");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"size {set.Width}x{set.Height}, {set.Channels} channel(s); {picks.Length} samples -> {Path.GetFullPath(output)}");
        return 0;
    }

    /// <summary>Per class, a seeded choice of rows that spreads over as many subjects as possible.</summary>
    static List<List<int>> SampleRows(FaceSet set, int perClass, int seed)
    {
        var rng = new Random(Seeding.Derive(seed, "contact-sheet"));
        var result = new List<List<int>>();
        for (var c = 0; c < set.ClassCount; c++)
        {
            var rows = Enumerable.Range(0, set.Count).Where(i => set.Labels[i] == c).OrderBy(_ => rng.Next()).ToList();
            // Round-robin over subjects: the k-th image of each subject before any (k+1)-th.
            var rank = new Dictionary<string, int>();
            var ordered = rows.Select(i =>
            {
                var key = set.Subjects[i] ?? $"#{i}";
                rank[key] = rank.GetValueOrDefault(key) + 1;
                return (Row: i, Rank: rank[key]);
            }).OrderBy(x => x.Rank).Select(x => x.Row);
            result.Add(ordered.Take(perClass).ToList());
        }
        return result;
    }
}
