using System.ComponentModel;
using Augment.Torch;
using Spectre.Console.Cli;

namespace Augment.Experiments.Options;

/// <summary>--device (and --threads), for every command that runs libtorch on a device of its choice.</summary>
public class TorchSettings : ThreadSettings
{
    [CommandOption("--device <DEVICE>")]
    [Description("auto (CUDA when libtorch sees a GPU, else the CPU), cpu or cuda.")]
    [LibraryDefault(typeof(TorchOptions), nameof(TorchOptions.Device))]
    public string Device { get; init; } = "";

    public override TorchOptions ToTorchOptions() => new() { Threads = Threads, Device = DeviceChoice.Parse(Device) };
}
