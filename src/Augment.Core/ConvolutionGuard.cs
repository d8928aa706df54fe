using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Augment.Core;

/// <summary>How convolutions run after <see cref="ConvolutionGuard.Ensure"/>.</summary>
public enum ConvolutionMode
{
    /// <summary>libtorch's oneDNN path, checked correct on this machine.</summary>
    OneDnn,
    /// <summary>oneDNN is wrong here and switched off process-wide: ATen's own kernels (correct, slower).</summary>
    Aten,
    /// <summary>oneDNN is wrong here but kept on; convolutions that go through <see cref="ConvolutionGuard.Conv2d"/> pad channels to multiples of 16.</summary>
    PaddedOneDnn,
}

/// <summary>
/// Guards against a oneDNN defect measured on this machine (libtorch-cpu 2.10.0, oneDNN 3.7.1, AMD EPYC Zen 4,
/// AVX-512; docs/platform.md): a float32 Conv2d's output is wrong when its input has more than 16 channels that are
/// not a multiple of 16, and its input gradient is wrong when its output channels are not a multiple of 16 (1, 3, 22
/// ...): errors of 0.1-1, sometimes NaN. <see cref="Ensure"/> checks both against an im2col + matmul reference. When
/// they are wrong it switches oneDNN off process-wide (safe for every convolution, ~5x slower on ExprGAN's decoder), or,
/// when the caller prefers speed (or AUGMENT_ONEDNN=padded), keeps oneDNN on and lets <see cref="Conv2d"/> pad
/// channels with zeros to multiples of 16, which this defect does not touch. AUGMENT_ONEDNN=on|off|padded overrides.
/// The first call decides for the process; later calls return the same outcome.
/// </summary>
public static class ConvolutionGuard
{
    static readonly object Gate = new();
    static string? _outcome;

    public static ConvolutionMode Mode { get; private set; } = ConvolutionMode.OneDnn;

    /// <summary>What the check found and did; null before <see cref="Ensure"/>.</summary>
    public static string? Outcome => _outcome;

    /// <param name="preferSpeed">When oneDNN is wrong, keep it on with padded convolutions instead of switching it off
    /// (only safe when every convolution of the process goes through <see cref="Conv2d"/> or has channel counts that
    /// are multiples of 16).</param>
    public static string Ensure(bool preferSpeed = false)
    {
        if (_outcome != null) return _outcome;
        lock (Gate)
        {
            if (_outcome != null) return _outcome;
            var forced = Environment.GetEnvironmentVariable("AUGMENT_ONEDNN")?.Trim().ToLowerInvariant();
            if (forced == "off") return Decide(ConvolutionMode.Aten, "oneDNN off (AUGMENT_ONEDNN=off)");
            if (forced == "on") return Decide(ConvolutionMode.OneDnn, "oneDNN on (AUGMENT_ONEDNN=on, unchecked)");
            if (forced == "padded" && ProbeError(padded: true) is var forcedPadded && forcedPadded < 1e-3)   // asked for, even where plain oneDNN is right
                return Decide(ConvolutionMode.PaddedOneDnn, $"oneDNN on with channels padded to 16 (AUGMENT_ONEDNN=padded; max error {forcedPadded:E1})");
            var error = ProbeError(padded: false);
            if (error < 1e-3) return Decide(ConvolutionMode.OneDnn, $"oneDNN convolution correct (max error {error:E1}): left on");
            if (preferSpeed || forced == "padded")
            {
                var padded = ProbeError(padded: true);
                if (padded < 1e-3)
                    return Decide(ConvolutionMode.PaddedOneDnn, $"oneDNN convolution wrong (max error {error:E1}): kept on with channels padded to 16 (max error {padded:E1})");
            }
            SetMkldnn(false);
            var after = ProbeError(padded: false);
            if (!(after < 1e-3))
                throw new InvalidOperationException($"Conv2d is wrong even without oneDNN (max error {after:E1}); libtorch cannot be trusted here.");
            return Decide(ConvolutionMode.Aten, $"oneDNN convolution wrong (max error {error:E1}): switched off, ATen kernels used (max error {after:E1})");
        }
    }

    static string Decide(ConvolutionMode mode, string outcome)
    {
        if (mode == ConvolutionMode.Aten) SetMkldnn(false);
        Mode = mode;
        return _outcome = outcome;
    }

    /// <summary>
    /// Benchmarks only: switch to a mode within a process so modes can be timed side by side (oneDNN on a machine
    /// where it is wrong gives wrong numbers). Not thread-safe with running convolutions.
    /// </summary>
    public static void Use(ConvolutionMode mode)
    {
        Ensure();
        lock (Gate)
        {
            SetMkldnn(mode != ConvolutionMode.Aten);
            Mode = mode;
        }
    }

    /// <summary>
    /// Lay inputs and weights of <see cref="Conv2d"/> out channels-last (NHWC strides; TorchSharp 0.107 has no
    /// memory_format, so by permute + contiguous). Off by default: results/benchmarks/train-variants.md has the timing.
    /// </summary>
    public static bool ChannelsLast { get; set; }

    static Tensor ToChannelsLast(Tensor t) => t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>
    /// conv2d(input, weight, bias) with square stride and padding; in <see cref="ConvolutionMode.PaddedOneDnn"/> the
    /// input and output channels are zero-padded to multiples of 16 (the extra outputs are dropped), which gives the
    /// same result and gradients.
    /// </summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, long stride, long padding)
    {
        if (ChannelsLast)
        {
            using var scope = NewDisposeScope();
            return Dispatch(ToChannelsLast(input), ToChannelsLast(weight), bias, stride, padding).MoveToOuterDisposeScope();
        }
        return Dispatch(input, weight, bias, stride, padding);
    }

    static Tensor Dispatch(Tensor input, Tensor weight, Tensor? bias, long stride, long padding) =>
        Mode == ConvolutionMode.PaddedOneDnn ? PaddedConv2d(input, weight, bias, stride, padding)
            : F.conv2d(input, weight, bias, strides: [stride, stride], padding: [padding, padding]);

    static Tensor PaddedConv2d(Tensor input, Tensor weight, Tensor? bias, long stride, long padding)
    {
        using var scope = NewDisposeScope();
        long cout = weight.shape[0], cin = weight.shape[1];
        long padIn = cin > 16 && cin % 16 != 0 ? 16 - cin % 16 : 0, padOut = cout % 16 != 0 ? 16 - cout % 16 : 0;
        var x = padIn > 0 ? F.pad(input, [0, 0, 0, 0, 0, padIn]) : input;
        var w = padIn + padOut > 0 ? F.pad(weight, [0, 0, 0, 0, 0, padIn, 0, padOut]) : weight;
        var b = bias is null || padOut == 0 ? bias : F.pad(bias, [0, padOut]);
        var y = F.conv2d(x, w, b, strides: [stride, stride], padding: [padding, padding]);
        return (padOut > 0 ? y.narrow(1, 0, cout) : y).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Diagnostics: with oneDNN switched on for the duration (then restored to the decided mode), the largest error
    /// of plain and of channel-padded convolutions against the reference. Not thread-safe with concurrent convolutions.
    /// </summary>
    public static (double Plain, double Padded) MeasureOneDnn()
    {
        Ensure();
        lock (Gate)
        {
            SetMkldnn(true);
            try { return (ProbeError(padded: false), ProbeError(padded: true)); }
            finally { if (Mode == ConvolutionMode.Aten) SetMkldnn(false); }
        }
    }

    /// <summary>Largest error of a 22-channel forward and a 1-output-channel input gradient against im2col + matmul.</summary>
    static double ProbeError(bool padded)
    {
        using var scope = NewDisposeScope();
        using var gen = new torch.Generator(12345, CPU);
        var x = randn([4, 22, 8, 8], generator: gen).requires_grad_(true);
        var w = randn([1, 22, 3, 3], generator: gen).div(10);
        var xr = x.detach().requires_grad_(true);
        var y = padded ? PaddedConv2d(x, w, null, 1, 1) : F.conv2d(x, w, padding: [1, 1]);
        var reference = w.reshape(1, -1).matmul(F.unfold(xr, 3, padding: 1)).reshape(4, 1, 8, 8);
        var g = randn([4, 1, 8, 8], generator: gen);
        y.backward([g]);
        reference.backward([g]);
        var err = Math.Max(y.sub(reference).abs().max().item<float>(), x.grad!.sub(xr.grad!).abs().max().item<float>());
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
