using System.Runtime.InteropServices;

namespace OneDnnRepro;

/// <summary>
/// libtorch C++ entry points TorchSharp 0.107 has no binding for, called by their mangled names (libtorch_cpu.so
/// 2.10.0, x86-64 SysV, libstdc++ cxx11 ABI).
/// </summary>
static class LibTorchNative
{
    /// <summary>torch.backends.mkldnn.enabled = on (at::globalContext().setUserEnabledMkldnn). NNPACK goes off with
    /// oneDNN so the fallback is ATen's own kernels, not NNPACK (which fails on this CPU for batches of 16+).</summary>
    public static void SetOneDnn(bool on)
    {
        var context = GlobalContext();
        SetUserEnabledMkldnn(context, on);
        SetUserEnabledNNPACK(context, on);
    }

    public static bool OneDnnEnabled => UserEnabledMkldnn(GlobalContext());

    /// <summary>at::show_config(): the build summary (compiler, oneDNN/MKL versions, CPU capability) as torch.__config__.show() prints it.</summary>
    public static string ShowConfig() => ReadStdString(ShowConfigRaw);

    /// <summary>at::get_mkldnn_version(): "Intel(R) MKL-DNN v3.x.y (Git Hash ...)".</summary>
    public static string OneDnnVersion() => ReadStdString(GetMkldnnVersionRaw);

    /// <summary>
    /// Calls a C++ function returning std::string by value: the caller passes the address of the result (hidden
    /// sret pointer); libstdc++'s std::string is {char* data; size_t length; 16-byte local buffer or capacity}. The
    /// heap block of a long string is leaked on purpose (once per process, a few KB) rather than freed across allocators.
    /// </summary>
    static string ReadStdString(Func<IntPtr, IntPtr> call)
    {
        var result = Marshal.AllocHGlobal(32);
        try
        {
            call(result);
            var data = Marshal.ReadIntPtr(result);
            var length = Marshal.ReadInt64(result, 8);
            return Marshal.PtrToStringUTF8(data, (int)length);
        }
        finally { Marshal.FreeHGlobal(result); }
    }

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    static extern IntPtr GlobalContext();

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.I1)]
    static extern bool UserEnabledMkldnn(IntPtr context);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    static extern void SetUserEnabledNNPACK(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at11show_configB5cxx11Ev")]
    static extern IntPtr ShowConfigRaw(IntPtr result);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at18get_mkldnn_versionB5cxx11Ev")]
    static extern IntPtr GetMkldnnVersionRaw(IntPtr result);
}
