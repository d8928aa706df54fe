using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Torch;

/// <summary>
/// Where and how wide libtorch runs: the one home of the thread and device defaults of every command.
/// </summary>
public sealed record TorchOptions
{
    /// <summary>More threads than this is certainly a typo (and libgomp would try to start them).</summary>
    public const int MaxThreads = 256;

    /// <summary>
    /// A fixed count rather than the machine's cores: libtorch splits float sums by thread, so results (the sweep's
    /// hash and GAN cache key included) depend on it, and a default that followed the machine would give other
    /// numbers on every other machine. 2 is what every published result used.
    /// </summary>
    public int Threads { get; init; } = 2;

    /// <summary>Auto: CUDA when libtorch sees a GPU, else the CPU.</summary>
    public DeviceKind Device { get; init; } = DeviceKind.Auto;

    /// <summary>Throws on a thread count libtorch would abort on natively (0 or less) or that is certainly a typo.</summary>
    public TorchOptions Validated() =>
        Threads is >= 1 and <= MaxThreads ? this : throw new ArgumentException($"Threads must be between 1 and {MaxThreads}, got {Threads}.");

    /// <summary>These options with the device resolved (auto -> cpu or cuda), for records and reports that say where work ran.</summary>
    public TorchOptions Resolved() =>
        this with { Device = DeviceChoice.Resolve(Device).type == DeviceType.CUDA ? DeviceKind.Cuda : DeviceKind.Cpu };

    /// <summary>Sets libtorch's thread count and returns the device tensors go to.</summary>
    public torch.Device Apply()
    {
        torch.set_num_threads(Validated().Threads);
        return DeviceChoice.Resolve(Device);
    }
}
