using System.ComponentModel;
using System.Globalization;
using Augment.Data;
using Augment.Data.Imaging;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Experiments.Options;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments.Commands;

[Description("Write a PNG of procedural faces: one identity, each expression (rows) at evenly spaced intensities 0..1 (columns).")]
public sealed class ProceduralIntensityCommand : Command<ProceduralIntensityCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--identities <N>")]
        [Description("How many identities to show, one block of rows each.")]
        [DefaultValue(1)]
        public int Identities { get; set; } = 1;

        [CommandOption("--first-identity <N>")]
        [Description("Index (0-based) of the first identity shown.")]
        [DefaultValue(0)]
        public int FirstIdentity { get; set; }

        [CommandOption("--steps <N>")]
        [Description("Intensities from 0 to 1 (columns).")]
        [DefaultValue(6)]
        public int Steps { get; set; } = 6;

        [CommandOption("--size <PX>")]
        [Description("Face size in pixels.")]
        [DefaultValue(ProceduralFaces.SourceSize)]
        public int Size { get; init; }

        [CommandOption("--rgb")]
        [Description("RGB instead of gray.")]
        public bool Rgb { get; set; }

        [CommandOption("--seed <N>")]
        [Description("Generator seed (the identities of that seed's set).")]
        [LibraryDefault(typeof(FaceLoadOptions), nameof(FaceLoadOptions.Seed))]
        public int Seed { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("PNG to write.")]
        [DefaultValue("runs/procedural-intensity.png")]
        public string Out { get; set; } = "runs/procedural-intensity.png";

        public override ValidationResult Validate() =>
            Steps < 2 || Identities < 1 || FirstIdentity < 0 || Size < 8
                ? ValidationResult.Error("Need --steps >= 2, --identities >= 1, --first-identity >= 0, --size >= 8.")
                : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var generator = new ProceduralFaces(new ProceduralOptions { Identities = settings.FirstIdentity + settings.Identities },
            new FaceLoadOptions { Size = settings.Size, Rgb = settings.Rgb, Seed = settings.Seed });
        var steps = Enumerable.Range(0, settings.Steps).Select(i => i / (float)(settings.Steps - 1)).ToArray();
        var ids = Enumerable.Range(settings.FirstIdentity, settings.Identities).ToArray();
        var specs = ids.SelectMany(id => Expressions.Paper.SelectMany(e => steps.Select(s => new FaceSpec(id, e, s, ImageNuisance.None)))).ToArray();
        using var set = generator.Render(specs);
        ImageGrid.Save(settings.Out, set.Images, new GridOptions
        {
            Columns = steps.Length,
            RowLabels = ids.SelectMany(id => Expressions.Paper.Select(e => ids.Length > 1 ? $"{generator.Identities[id].Subject} {e}" : e)).ToArray(),
            ColumnLabels = steps.Select(s => s.ToString("0.0#", CultureInfo.InvariantCulture)).ToArray(),
            Title = $"procedural faces, intensity 0..1 (seed {settings.Seed})",
            Scale = settings.Size < 96 ? 2 : 1,
        });
        AnsiConsole.MarkupLineInterpolated($"{specs.Length} faces -> {Path.GetFullPath(settings.Out)}");
        return 0;
    }
}
