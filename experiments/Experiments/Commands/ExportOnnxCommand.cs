using System.ComponentModel;
using System.Globalization;
using Augment.Augmentation.Onnx;
using Augment.Core;
using Augment.Experiments.Options;
using Augment.ExprGan;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

/// <summary>Generator checkpoint -> .onnx (encoder, expression controller, decoder), checked against TorchSharp.</summary>
[Description("Export a generator checkpoint to ONNX and check it against TorchSharp on random inputs.")]
public sealed class ExportOnnxCommand : Command<ExportOnnxCommand.Settings>
{
    public sealed class Settings : ThreadSettings
    {
        [CommandOption("--generator <PATH>")][Description("Generator checkpoint (ExprGanGenerator.Save or the ExprGAN trainer).")]
        public string Generator { get; init; } = "";

        [CommandOption("--out <PATH>")][Description("The .onnx file to write (atomically); default: the checkpoint's path with .onnx.")]
        public string? Out { get; init; }

        [CommandOption("--check-batch")][Description("Random images run through both TorchSharp and ONNX Runtime to check the export; 0 skips the check.")][DefaultValue(4)]
        public int CheckBatch { get; init; } = 4;

        [CommandOption("--tolerance")][Description("Largest allowed absolute difference between the two outputs.")][DefaultValue(1e-4f)]
        public float Tolerance { get; init; } = 1e-4f;

        [CommandOption("--seed")][Description("Seed of the check's random inputs.")][DefaultValue(1)]
        public int Seed { get; init; } = 1;

        public override Spectre.Console.ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Generator) ? Spectre.Console.ValidationResult.Error("--generator is required.")
            : !File.Exists(Generator) ? Spectre.Console.ValidationResult.Error($"--generator: no file at '{Generator}'.")
            : Spectre.Console.ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        s.ToTorchOptions().Apply();
        var output = s.Out ?? Path.ChangeExtension(s.Generator, ".onnx");
        using var generator = ExprGanGenerator.Load(s.Generator, torch.CPU);
        var bytes = ExprGanOnnxExporter.ToBytes(generator);
        if (s.CheckBatch > 0)
        {
            var difference = OnnxParity.MaxDifference(generator, bytes, s.CheckBatch, s.Seed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"check: {s.CheckBatch} random images, max |TorchSharp - ONNX Runtime| = {difference:E2} (tolerance {s.Tolerance:E0})"));
            if (!(difference <= s.Tolerance))
            {
                Console.Error.WriteLine($"The export of '{s.Generator}' does not match TorchSharp; nothing written.");
                return 1;
            }
        }
        AtomicFile.WriteAllBytes(output, bytes);
        var info = generator.Info;
        Console.WriteLine($"{generator.Architecture} -> {Path.GetFullPath(output)} ({bytes.Length / 1e6:0.0} MB, opset {GeneratorOnnxGraph.Opset}; " +
            $"inputs image N x {info.Channels} x {info.Height} x {info.Width}, target N x {info.Classes}, intensity N x {info.CodeDims}; classes {string.Join(", ", info.ClassNames)})");
        return 0;
    }
}
