using Augment.Data;
using Augment.Experiments.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Augment.Experiments;

/// <summary>
/// The `augment` command line, built in one place so the tests run exactly what users run (help texts, strict parsing,
/// validation, error messages).
/// </summary>
public static class CliApp
{
    /// <summary>Exit code of a refused command line or bad input (Spectre's own parse errors also return non-zero).</summary>
    public const int UsageError = 2;

    public static CommandApp Create(IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("augment");
            // Unknown options are refused: '--fersh' must not run a sweep without --fresh.
            config.UseStrictParsing();
            if (console != null) config.ConfigureConsole(console);
            config.SetInterceptor(new CommonChecks());
            config.SetExceptionHandler((e, _) => Report(e, console ?? AnsiConsole.Console));
            config.AddCommand<SweepCommand>("sweep");
            config.AddCommand<PublishCommand>("publish");
            config.AddCommand<TrainCommand>("train");
            config.AddCommand<EvaluateCommand>("evaluate");
            config.AddCommand<CompareEvaluationsCommand>("compare-evaluations");
            config.AddCommand<CompareSweepsCommand>("compare-sweeps");
            config.AddCommand<DatasetsCommand>("datasets");
            config.AddCommand<ClassifyCvCommand>("classify-cv");
            config.AddCommand<ExportOnnxCommand>("export-onnx");
            config.AddCommand<ContactSheetCommand>("contact-sheet");
            config.AddCommand<ProceduralIntensityCommand>("procedural-intensity");
            config.AddCommand<EditCommand>("edit");
            config.AddCommand<GridCommand>("grid");
            config.AddCommand<TransferCommand>("transfer");
            config.AddCommand<BenchAugmentCommand>("bench-augment");
            config.AddCommand<BenchIdentityCommand>("bench-identity");
            config.AddCommand<BenchTrainCommand>("bench-train");
            config.AddCommand<BenchCnnCommand>("bench-cnn");
            config.AddCommand<ProbeIdentityCommand>("probe-identity");
        });
        return app;
    }

    /// <summary>
    /// Bad input ends with one plain line naming the option or file, not a stack trace; anything else is a bug and
    /// keeps its trace.
    /// </summary>
    static int Report(Exception e, IAnsiConsole console)
    {
        switch (e)
        {
            case CommandAppException or ArgumentException or InvalidDataException or DatasetException or FileNotFoundException
                or DirectoryNotFoundException or UnauthorizedAccessException:
                console.MarkupLineInterpolated($"[red]error:[/] {CleanMessage(e)}");
                return UsageError;
            default:
                console.WriteException(e, ExceptionFormats.ShortenEverything);
                return 1;
        }
    }

    /// <summary>The message without .NET's " (Parameter 'x')" suffix.</summary>
    public static string CleanMessage(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } p } && message.EndsWith($" (Parameter '{p}')", StringComparison.Ordinal))
            message = message[..^$" (Parameter '{p}')".Length];
        return message;
    }
}
