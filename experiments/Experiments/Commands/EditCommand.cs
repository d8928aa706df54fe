using System.ComponentModel;
using Augment.Experiments.Options;
using Augment.ExprGan;
using Augment.ExprGan.Editing;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Augment.Experiments.Commands;

[Description("Re-render face images in a target expression at an intensity with a trained ExprGAN generator.")]
public sealed class EditCommand : Command<EditCommand.Settings>
{
    public sealed class Settings : TorchSettings
    {
        [CommandOption("--generator <FILE>")][Description("Generator checkpoint (generator.exprgan of a training run).")]
        public string Generator { get; set; } = "";

        [CommandOption("-i|--input <PATH>")][Description("Image file or folder; repeat for more.")]
        public string[] Inputs { get; set; } = [];

        [CommandOption("--expression <NAME>")][Description("Target expression (one of the generator's classes; synonyms accepted).")]
        public string Expression { get; set; } = "";

        [CommandOption("--intensity <X>")][Description("Intensity in [[0, 1]] (0 = nearly neutral).")][DefaultValue(1f)]
        public float Intensity { get; set; } = 1f;

        [CommandOption("--out <DIR>")][Description("Folder for the edited PNGs (<input name>-<expression>-<intensity>.png).")][DefaultValue("runs/edits")]
        public string Out { get; set; } = "runs/edits";

        public override ValidationResult Validate() =>
            Generator.Length == 0 ? ValidationResult.Error("--generator is required.")
            : Inputs.Length == 0 ? ValidationResult.Error("Give at least one --input.")
            : Expression.Length == 0 ? ValidationResult.Error("--expression is required.")
            : Intensity is < 0 or > 1 ? ValidationResult.Error("--intensity must be in [0, 1].")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var device = s.ToTorchOptions().Apply();
        using var editor = new ExpressionEditor(ExprGanGenerator.Load(s.Generator, device), ownsComponents: true);
        var target = GeneratorImages.ClassIndex(s.Expression, editor.Generator.Info.ClassNames);
        var files = GeneratorImages.Expand(s.Inputs);
        using var scope = NewDisposeScope();
        var images = GeneratorImages.Load(files, editor.Generator);
        var edited = editor.Edit(images, target, s.Intensity);
        var name = editor.Generator.Info.ClassNames[target];
        for (var i = 0; i < files.Length; i++)
        {
            var path = Path.Combine(s.Out, $"{Path.GetFileNameWithoutExtension(files[i])}-{name}-{s.Intensity:0.##}.png");
            GeneratorImages.Save(edited, i, path);
        }
        AnsiConsole.MarkupLineInterpolated($"{files.Length} image(s) as {name} at {s.Intensity:0.##} -> {Path.GetFullPath(s.Out)}");
        return 0;
    }
}
