using System.Reflection;
using Augment.Experiments;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Unsafe;

namespace Augment.Tests.Cli;

/// <summary>Runs the real `augment` command line in-process and captures what it prints.</summary>
static class CliHarness
{
    public static (int ExitCode, string Output) Run(params string[] args) => Run(CancellationToken.None, args);

    public static (int ExitCode, string Output) Run(CancellationToken cancellation, params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 250;   // no wrapping inside option names or messages
        // Commands print through the static AnsiConsole; point it at the same writer for the duration.
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = console;
        try
        {
            var code = CliApp.Create(console).Run(args, cancellation);
            return (code, writer.ToString());
        }
        finally { AnsiConsole.Console = previous; }
    }

    /// <summary>
    /// The settings a real argument line binds to (through the real parser, defaults and validation, without running the
    /// command), for checking what a command line means.
    /// </summary>
    public static T Parse<T>(params string[] args) where T : CommandSettings => (T)Parse(typeof(T), args);

    public static CommandSettings Parse(Type settings, params string[] args)
    {
        var capture = typeof(Capture<>).MakeGenericType(settings);
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.UseStrictParsing();
            c.PropagateExceptions();
            c.SafetyOff().AddCommand("command", capture);
        });
        capture.GetProperty("Last")!.SetValue(null, null);
        var code = app.Run(["command", .. args]);
        if (code != 0) throw new InvalidOperationException($"'{string.Join(" ", args)}' exited {code}.");
        return (CommandSettings)capture.GetProperty("Last")!.GetValue(null)!;
    }

    /// <summary>Every registered command: its name and settings type (from the command classes' generic base).</summary>
    public static IReadOnlyList<(string Name, Type Command, Type Settings)> Commands()
    {
        var types = typeof(CliApp).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Command<>)).ToList();
        return types.Select(t => (Name: KebabName(t), Command: t, Settings: t.BaseType!.GetGenericArguments()[0])).ToList();
    }

    /// <summary>TrainCommand -> train, ClassifyCvCommand -> classify-cv, ExportOnnxCommand -> export-onnx.</summary>
    static string KebabName(Type t)
    {
        var name = t.Name[..^"Command".Length];
        return string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }

    /// <summary>The long names of a settings type's options (--name).</summary>
    public static IReadOnlyList<string> LongOptions(Type settings) =>
        settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(a => a != null).SelectMany(a => a!.LongNames).Select(n => "--" + n).ToList();
}

/// <summary>A command that only records the settings the parser bound, for checking what a real argument line means.</summary>
sealed class Capture<TSettings> : Command<TSettings> where TSettings : CommandSettings
{
    public static TSettings? Last { get; set; }

    /// <summary>The settings the real parser binds from an argument line (the settings' command as the only one).</summary>
    public static TSettings Bind(params string[] args)
    {
        Last = null;
        var app = new CommandApp<Capture<TSettings>>();
        app.Configure(c => c.UseStrictParsing().PropagateExceptions());
        Assert.Equal(0, app.Run(args));
        return Last!;
    }

    public override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        Last = settings;
        return 0;
    }
}
