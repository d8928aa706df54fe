using System.ComponentModel;
using Augment.Data.Imaging;
using Augment.Experiments.Options;
using Augment.ExprGan.Editing;
using Spectre.Console;
using Spectre.Console.Cli;
using static TorchSharp.torch;

namespace Augment.Experiments.Commands;

[Description("Put the expression of one face (read through Q) on another face's identity.")]
public sealed class TransferCommand : Command<TransferCommand.Settings>
{
    public sealed class Settings : TorchSettings
    {
        [CommandOption("--generator <FILE>")][Description("Generator checkpoint written by the trainer (it carries Q, which reads the expression).")]
        public string Generator { get; set; } = "";

        [CommandOption("--identity <PATH>")][Description("Identity image file or folder; repeat for more.")]
        public string[] Identity { get; set; } = [];

        [CommandOption("--expression <PATH>")][Description("Expression image file or folder: one image for all, or one per identity image.")]
        public string[] Expression { get; set; } = [];

        [CommandOption("--out <DIR>")][Description("Folder for the results and a grid (identity | expression | result).")][DefaultValue("runs/transfer")]
        public string Out { get; set; } = "runs/transfer";

        public override ValidationResult Validate() =>
            Generator.Length == 0 ? ValidationResult.Error("--generator is required.")
            : Identity.Length == 0 || Expression.Length == 0 ? ValidationResult.Error("Give --identity and --expression images.")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var device = s.ToTorchOptions().Apply();
        using var editor = ExpressionEditor.Load(s.Generator, device);
        var identityFiles = GeneratorImages.Expand(s.Identity);
        var expressionFiles = GeneratorImages.Expand(s.Expression);
        using var scope = NewDisposeScope();
        var identity = GeneratorImages.Load(identityFiles, editor.Generator);
        var expression = GeneratorImages.Load(expressionFiles, editor.Generator);
        var result = editor.Transfer(identity, expression);
        var reading = editor.Reader!.Read(expression);
        var n = identityFiles.Length;
        var cells = new List<Tensor>();
        for (var i = 0; i < n; i++)
        {
            var e = expressionFiles.Length == 1 ? 0 : i;
            GeneratorImages.Save(result, i, Path.Combine(s.Out,
                $"{Path.GetFileNameWithoutExtension(identityFiles[i])}-as-{Path.GetFileNameWithoutExtension(expressionFiles[e])}.png"));
            cells.AddRange([identity[i].to(device), expression[e].to(device), result[i]]);
        }
        ImageGrid.Save(Path.Combine(s.Out, "transfer-grid.png"), stack(cells), new GridOptions
        {
            Columns = 3, ColumnLabels = ["identity", "expression", "result"],
            RowLabels = Enumerable.Range(0, n).Select(i => editor.Generator.Info.ClassNames[(int)reading.Labels[expressionFiles.Length == 1 ? 0 : i]]).ToArray(),
            Scale = editor.Generator.Architecture.ImageSize < 96 ? 2 : 1,
        });
        AnsiConsole.MarkupLineInterpolated($"{n} transfer(s) -> {Path.GetFullPath(s.Out)}");
        return 0;
    }
}
