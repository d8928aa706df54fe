using System.Runtime.InteropServices;

namespace Augment.Torch;

/// <summary>
/// libtorch's process-wide backend switches, as torch.backends.mkldnn.enabled and torch.backends.nnpack.enabled in
/// Python. TorchSharp 0.107 has no binding, so at::globalContext()'s setters and getters are called by their mangled
/// names (libtorch_cpu 2.10.0). Set them at process start, before any convolution runs.
/// </summary>
public static class TorchBackends
{
    /// <summary>Whether convolutions may use oneDNN (MKL-DNN).</summary>
    public static bool Mkldnn
    {
        get => UserEnabledMkldnn(GlobalContext());
        set => SetUserEnabledMkldnn(GlobalContext(), value);
    }

    /// <summary>Whether convolutions of batches of 16+ may use NNPACK (without oneDNN, libtorch tries it next).</summary>
    public static bool Nnpack
    {
        get => UserEnabledNnpack(GlobalContext());
        set => SetUserEnabledNnpack(GlobalContext(), value);
    }

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    static extern IntPtr GlobalContext();

    [DllImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.I1)]
    static extern bool UserEnabledMkldnn(IntPtr context);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledNNPACKEv")]
    [return: MarshalAs(UnmanagedType.I1)]
    static extern bool UserEnabledNnpack(IntPtr context);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    static extern void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);
}
