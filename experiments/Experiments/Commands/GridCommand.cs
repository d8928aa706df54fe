using System.ComponentModel;
using Augment.Data.Imaging;
using Augment.Experiments.Options;
using Augment.ExprGan;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Augment.Experiments.Commands;

[Description("One PNG grid: a row per input image, columns = every expression x intensities 0..1 in steps.")]
public sealed class GridCommand : Command<GridCommand.Settings>
{
    public sealed class Settings : TorchSettings
    {
        [CommandOption("--generator <FILE>")][Description("Generator checkpoint (generator.exprgan of a training run).")]
        public string Generator { get; set; } = "";

        [CommandOption("-i|--input <PATH>")][Description("Image file or folder; repeat for more.")]
        public string[] Inputs { get; set; } = [];

        [CommandOption("--max-inputs <N>")][Description("Rows: at most this many input images.")][DefaultValue(8)]
        public int MaxInputs { get; set; } = 8;

        /// <summary>Smaller steps make grids too large to hold in memory (0.0000001 asked for 24 GB).</summary>
        public const float MinStep = 0.01f;

        [CommandOption("--step <X>")][Description("Intensity step, 0.01 to 1: columns at 0, step, 2 step, ..., 1.")][DefaultValue(0.25f)]
        public float Step { get; set; } = 0.25f;

        [CommandOption("--out <FILE>")][Description("PNG to write (git-ignored runs/ by default: never commit faces of licensed data).")][DefaultValue("runs/expression-grid.png")]
        public string Out { get; set; } = "runs/expression-grid.png";

        public override ValidationResult Validate() =>
            Generator.Length == 0 ? ValidationResult.Error("--generator is required.")
            : Inputs.Length == 0 ? ValidationResult.Error("Give at least one --input.")
            : Step is < MinStep or > 1 ? ValidationResult.Error($"--step must be between {MinStep} and 1 (at most {(int)(1 / MinStep) + 1} columns per expression), got {Step}.")
            : MaxInputs < 1 ? ValidationResult.Error("--max-inputs must be positive.")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var device = s.ToTorchOptions().Apply();
        using var generator = ExprGanGenerator.Load(s.Generator, device);
        var files = GeneratorImages.Expand(s.Inputs, s.MaxInputs);
        var steps = (int)Math.Round(1 / s.Step);
        var intensities = Enumerable.Range(0, steps + 1).Select(i => Math.Min(1f, i * s.Step)).ToArray();
        var classes = generator.Info.ClassNames;
        using var scope = NewDisposeScope();
        var images = GeneratorImages.Load(files, generator);
        var rows = new List<Tensor>();
        for (var r = 0; r < files.Length; r++)
        {
            var cells = classes.Count * intensities.Length;
            var targets = Enumerable.Range(0, cells).Select(c => (long)(c / intensities.Length)).ToArray();
            var levels = Enumerable.Range(0, cells).Select(c => intensities[c % intensities.Length]).ToArray();
            var source = images[r].unsqueeze(0).expand(cells, -1, -1, -1);
            var decoded = generator.Edit(source, generator.Code(targets, levels));
            rows.Add(cat([images[r].unsqueeze(0).to(device), decoded], 0));
        }
        var labels = new[] { "input" }.Concat(classes.SelectMany(c => intensities.Select(i => $"{c[..Math.Min(4, c.Length)]} {i:0.##}"))).ToArray();
        ImageGrid.Save(s.Out, cat(rows, 0), new GridOptions
        {
            Columns = labels.Length, ColumnLabels = labels, RowLabels = files.Select(Path.GetFileNameWithoutExtension).ToArray()!,
            Title = $"{Path.GetFileName(s.Generator)}: expressions x intensities", Scale = generator.Architecture.ImageSize < 96 ? 2 : 1,
        });
        AnsiConsole.MarkupLineInterpolated($"{files.Length} x {labels.Length} grid -> {Path.GetFullPath(s.Out)}");
        return 0;
    }
}
