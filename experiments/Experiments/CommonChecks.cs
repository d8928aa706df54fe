using Spectre.Console.Cli;

namespace Augment.Experiments;

/// <summary>
/// Checks every command shares, run before the command's own validation: --threads must be at least 1 (libtorch
/// aborts the process natively on 0 or less, with no message).
/// </summary>
sealed class CommonChecks : ICommandInterceptor
{
    /// <summary>More threads than this is certainly a typo (and libgomp would try to start them).</summary>
    public const int MaxThreads = 256;

    public void Intercept(CommandContext context, CommandSettings settings)
    {
        if (settings.GetType().GetProperty("Threads")?.GetValue(settings) is int threads && threads is < 1 or > MaxThreads)
            throw new ArgumentException($"--threads must be between 1 and {MaxThreads}, got {threads}.");
    }
}
