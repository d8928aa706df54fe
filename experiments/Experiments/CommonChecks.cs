using Augment.Experiments.Options;
using Augment.Torch;
using Spectre.Console.Cli;

namespace Augment.Experiments;

/// <summary>
/// Checks of the shared torch options, run before any command's own validation (whether or not it calls its base):
/// --threads must be between 1 and <see cref="TorchOptions.MaxThreads"/> (libtorch aborts the process natively on 0 or
/// less, with no message), and --device must be a device.
/// </summary>
sealed class CommonChecks : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        if (settings is not ThreadSettings torch) return;
        if (torch.Threads is < 1 or > TorchOptions.MaxThreads)
            throw new ArgumentException($"--threads must be between 1 and {TorchOptions.MaxThreads}, got {torch.Threads}.");
        try { _ = torch.ToTorchOptions(); }
        catch (ArgumentException e) { throw new ArgumentException($"--device: {e.Message}"); }
    }
}
