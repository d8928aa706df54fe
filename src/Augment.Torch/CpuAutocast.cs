using System.Runtime.InteropServices;

namespace Augment.Torch;

/// <summary>
/// bfloat16 autocast on CPU, as torch.autocast("cpu") in Python: convolutions and matmuls run in bfloat16 (AVX512-BF16
/// on the CPUs this project runs on), weights and losses stay float32. TorchSharp 0.107 has no binding, so libtorch's
/// at::autocast functions are called by their mangled names (libtorch_cpu 2.10.0). The switch is thread-local.
/// The ExprGAN trainer switches it on per step when its options ask for bfloat16 (ExprGanTrainingOptions.Precision):
/// about 1.5x faster steps here, but different arithmetic (G(x) differs by ~3e-3 at initialisation).
/// </summary>
public static class CpuAutocast
{
    const sbyte CpuDevice = 0;      // c10::DeviceType::CPU
    const sbyte BFloat16 = 15;      // c10::ScalarType::BFloat16

    public static void Enable(bool on)
    {
        SetDtype(CpuDevice, BFloat16);
        SetEnabled(CpuDevice, on);
        if (!on) ClearCache();
    }

    public static bool Enabled => IsEnabled(CpuDevice);

    /// <summary>Autocast on until disposed (then off and its cast cache cleared); a no-op when <paramref name="on"/> is false.</summary>
    public static IDisposable Scope(bool on)
    {
        if (!on) return SwitchScope.None;
        Enable(true);
        return new SwitchScope(() => Enable(false));
    }

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb")]
    static extern void SetEnabled(sbyte device, [MarshalAs(UnmanagedType.I1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE")]
    static extern void SetDtype(sbyte device, sbyte dtype);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE")]
    [return: MarshalAs(UnmanagedType.I1)]
    static extern bool IsEnabled(sbyte device);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at8autocast11clear_cacheEv")]
    static extern void ClearCache();
}
