using System.ComponentModel;
using Augment.Torch;
using Spectre.Console.Cli;

namespace Augment.Experiments.Options;

/// <summary>--threads, for every command that runs libtorch or ONNX Runtime (the one declaration of the option).</summary>
public class ThreadSettings : CommandSettings
{
    [CommandOption("--threads <N>")]
    [Description("torch threads (1 or more; ONNX Runtime's too where it runs). Numbers depend on it (libtorch splits float sums by thread). " +
        "Idle threads sleep (OMP_WAIT_POLICY=PASSIVE unless set), so a busy machine costs little; given every logical core they spin about 0.1 ms " +
        "first (GOMP_SPINCOUNT=10000 unless set), which is faster alone. See results/benchmarks/threads.md and wait-policy-*.md.")]
    [LibraryDefault(typeof(TorchOptions), nameof(TorchOptions.Threads))]
    public int Threads { get; init; }

    /// <summary>The torch options of the command line; commands with only --threads run on the CPU.</summary>
    public virtual TorchOptions ToTorchOptions() => new() { Threads = Threads, Device = DeviceKind.Cpu };
}
