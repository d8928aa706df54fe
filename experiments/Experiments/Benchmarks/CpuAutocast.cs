using System.Runtime.InteropServices;

namespace Augment.Experiments.Benchmarks;

/// <summary>
/// bfloat16 autocast on CPU (torch.autocast("cpu")): TorchSharp 0.107 has no binding (no autocast, amp or
/// set_autocast_* in its API), so libtorch's at::autocast functions are called by their mangled names
/// (libtorch_cpu 2.10.0). The switch is thread-local, like Python's; the CPU default dtype is bfloat16.
/// </summary>
static class CpuAutocast
{
    const int CpuDevice = 0;        // c10::DeviceType::CPU
    const sbyte BFloat16 = 15;      // c10::ScalarType::BFloat16

    public static void Enable(bool on)
    {
        SetDtype(CpuDevice, BFloat16);
        SetEnabled(CpuDevice, on);
        if (!on) ClearCache();
    }

    public static bool Enabled => IsEnabled(CpuDevice);

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
