using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Core;

/// <summary>
/// Guards against a oneDNN defect measured on this machine (libtorch-cpu 2.10.0, oneDNN 3.7.1, AMD EPYC Zen 4,
/// AVX-512): a float32 Conv2d whose input has more than 16 channels that are not a multiple of the ISA block
/// (16; 8 when capped to AVX2) returns wrong outputs and gradients (errors 0.1-1 on outputs of about 2, sometimes NaN),
/// e.g. 22 or 286 input channels. ExprGAN's decoder and discriminators hit this on every layer (features ++ code).
/// <see cref="Ensure"/> runs one such convolution against an im2col + matmul reference; when it is wrong it switches
/// libtorch's oneDNN (mkldnn) path off process-wide, so convolutions run through ATen's own correct kernels.
/// AUGMENT_ONEDNN=on|off overrides the check.
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
            if (error < 1e-3) return _outcome = $"oneDNN convolution correct (max error {error:E1}): left on";
            SetMkldnn(false);
            var after = ProbeError();
            if (!(after < 1e-3))
                throw new InvalidOperationException($"Conv2d is wrong even without oneDNN (max error {after:E1}); libtorch cannot be trusted here.");
            return _outcome = $"oneDNN convolution wrong (max error {error:E1}): switched off, ATen kernels used (max error {after:E1})";
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
