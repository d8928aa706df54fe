using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Core;

/// <summary>
/// Checks for a oneDNN defect measured on this machine (libtorch-cpu 2.10.0, oneDNN 3.7.1, AMD EPYC Zen 4,
/// AVX-512): a float32 Conv2d whose input has more than 16 channels that are not a multiple of 16 returns wrong
/// outputs and gradients. ExprGAN's layers avoid it through <see cref="SafeConvolution"/> (zero-padded channels),
/// which keeps oneDNN's speed; switching oneDNN off process-wide instead costs about 3x, so that is done only when
/// asked (AUGMENT_ONEDNN=off), e.g. for a user's own network with such channel counts. <see cref="Ensure"/> runs the
/// probe once and reports what it found.
/// </summary>
public static class ConvolutionGuard
{
    static readonly object Gate = new();
    static string? _outcome;

    /// <summary>What the check found and did ("oneDNN convolution correct: left on", ...); null before <see cref="Ensure"/>.</summary>
    public static string? Outcome => _outcome;

    /// <summary>Idempotent and thread-safe; call before the first convolution (model constructors do).</summary>
    public static string Ensure()
    {
        if (_outcome != null) return _outcome;
        lock (Gate)
        {
            if (_outcome != null) return _outcome;
            var forced = Environment.GetEnvironmentVariable("AUGMENT_ONEDNN")?.Trim().ToLowerInvariant();
            if (forced == "off") { SetMkldnn(false); return _outcome = "oneDNN off (AUGMENT_ONEDNN=off)"; }
            if (forced == "on") return _outcome = "oneDNN on (AUGMENT_ONEDNN=on, unchecked)";
            var error = ProbeError();
            return _outcome = error < 1e-3
                ? $"oneDNN convolution correct (max error {error:E1})"
                : $"oneDNN convolution wrong for odd channel counts (max error {error:E1}): ExprGAN pads around it (SafeConvolution); AUGMENT_ONEDNN=off switches oneDNN off";
        }
    }

    /// <summary>Largest difference between Conv2d and an im2col + matmul reference on a 22-channel input.</summary>
    static double ProbeError()
    {
        using var scope = NewDisposeScope();
        using var gen = new torch.Generator(12345, CPU);
        var x = randn([4, 22, 8, 8], generator: gen);
        var w = randn([5, 22, 3, 3], generator: gen).div(10);
        var b = randn([5], generator: gen);
        using var _ = no_grad();
        var y = nn.functional.conv2d(x, w, b, padding: [1, 1]);
        var cols = nn.functional.unfold(x, 3, padding: 1);
        var reference = w.reshape(5, -1).matmul(cols).add(b.reshape(1, -1, 1)).reshape(4, 5, 8, 8);
        var err = y.sub(reference).abs().max().item<float>();
        return float.IsNaN(err) ? double.PositiveInfinity : err;
    }

    /// <summary>
    /// Without oneDNN, libtorch next tries NNPACK for batches of 16+, which on this CPU fails ("Unsupported hardware")
    /// and logs a warning on every convolution; it is switched off with oneDNN so the ATen kernels are used quietly.
    /// </summary>
    static void SetMkldnn(bool on)
    {
        var context = GlobalContext();
        SetUserEnabledMkldnn(context, on);
        if (!on) SetUserEnabledNNPACK(context, false);
    }

    // at::globalContext(), at::Context::setUserEnabledMkldnn(bool) and setUserEnabledNNPACK(bool): TorchSharp 0.107 has no binding for them.
    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    static extern IntPtr GlobalContext();

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    static extern void SetUserEnabledNNPACK(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);
}
