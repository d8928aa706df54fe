using System.ComponentModel;
using Augment.Torch;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

/// <summary>--device and --threads for commands that run ExprGAN without reading a data set.</summary>
public class TorchSettings : CommandSettings
{
    [CommandOption("--device <DEVICE>")]
    [Description("auto, cpu or cuda.")]
    [DefaultValue("auto")]
    public string Device { get; set; } = "auto";

    [CommandOption("--threads <N>")]
    [Description("torch.set_num_threads (CPU).")]
    [DefaultValue(2)]
    public int Threads { get; set; } = 2;

    /// <summary>Applies the thread count and returns the device.</summary>
    public torch.Device Setup()
    {
        torch.set_num_threads(Threads);
        return DeviceChoice.Resolve(DeviceChoice.Parse(Device));
    }
}
