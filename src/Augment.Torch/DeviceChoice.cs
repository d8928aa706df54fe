using TorchSharp;

namespace Augment.Torch;

/// <summary>Where tensors live; chosen once at the entry point and passed down.</summary>
public enum DeviceKind { Auto, Cpu, Cuda }

public static class DeviceChoice
{
    /// <summary>Auto means CUDA when libtorch sees a GPU, else CPU. Asking for CUDA without one is an error, not a silent fallback.</summary>
    public static torch.Device Resolve(DeviceKind kind) => kind switch
    {
        DeviceKind.Cpu => torch.CPU,
        DeviceKind.Cuda when torch.cuda.is_available() => torch.CUDA,
        DeviceKind.Cuda => throw new InvalidOperationException(
            "--device cuda was asked for, but libtorch sees no CUDA device (build with -p:TorchBackend=cuda on a machine with a GPU)."),
        _ => torch.cuda.is_available() ? torch.CUDA : torch.CPU,
    };

    public static DeviceKind Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => DeviceKind.Auto,
        "cpu" => DeviceKind.Cpu,
        "cuda" or "gpu" => DeviceKind.Cuda,
        _ => throw new ArgumentException($"Unknown device '{text}': use auto, cpu or cuda."),
    };
}
