using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Augment.Torch;

/// <summary>
/// Guards against a oneDNN defect measured on an AMD EPYC Zen 4 with AVX-512 (libtorch-cpu 2.10.0, oneDNN 3.7.1;
/// docs/platform.md): a float32 Conv2d's output is wrong when its input has more than 16 channels that are not a
/// multiple of 16, and its input gradient is wrong when its output channels are not a multiple of 16 (1, 3, 22 ...):
/// errors of 0.1-1, sometimes NaN. <see cref="Apply"/> checks both against an im2col + matmul reference and, when they
/// are wrong, switches oneDNN off (<see cref="TorchBackends.Mkldnn"/>; ATen's own kernels, right and several times
/// slower). AUGMENT_ONEDNN=on|off skips the check.
/// Why a process-level setting applied at start-up: oneDNN is a switch of libtorch's global context, so whoever sets
/// it decides for every convolution of the process. Hosts (the augment command line, the test assembly; any
/// application embedding the libraries) call <see cref="Apply"/> once before their first convolution, and the model
/// modules stay plain TorchSharp: they call their convolutions' forward and never decide anything themselves (when
/// they did, from static constructors, the first caller chose the mode and commands could end up in different ones).
/// </summary>
public static class ConvolutionGuard
{
    static readonly object Gate = new();
    static string? _outcome;

    /// <summary>What the check found and did; asking before the host called <see cref="Apply"/> is a bug.</summary>
    public static string Outcome => _outcome ?? throw new InvalidOperationException("ConvolutionGuard.Apply() has not run: the host decides at start-up.");

    /// <summary>Decides for the process (once: later calls return the first outcome) and returns what was done.</summary>
    public static string Apply()
    {
        lock (Gate) return _outcome ??= Decide();
    }

    static string Decide()
    {
        var forced = Environment.GetEnvironmentVariable("AUGMENT_ONEDNN")?.Trim().ToLowerInvariant();
        switch (forced)
        {
            case "off": UseOneDnn(false); return "oneDNN off (AUGMENT_ONEDNN=off)";
            case "on": return "oneDNN on (AUGMENT_ONEDNN=on, unchecked)";
            case null or "": break;
            default: throw new InvalidOperationException($"AUGMENT_ONEDNN={forced}: use on or off (or leave it unset to check).");
        }
        var error = ProbeError();
        if (error < 1e-3) return $"oneDNN convolution correct (max error {error:E1}): left on";
        UseOneDnn(false);
        var after = ProbeError();
        if (!(after < 1e-3))
            throw new InvalidOperationException($"Conv2d is wrong even without oneDNN (max error {after:E1}); libtorch cannot be trusted here.");
        return $"oneDNN convolution wrong (max error {error:E1}): switched off, ATen kernels used (max error {after:E1})";
    }

    /// <summary>
    /// Switches oneDNN on or off. Without oneDNN libtorch next tries NNPACK for batches of 16+, which on this CPU fails
    /// ("Unsupported hardware") and logs a warning on every convolution, so it goes off with oneDNN. Benchmarks use
    /// this to time both modes in one process (oneDNN on a machine where it is wrong gives wrong numbers).
    /// </summary>
    public static void UseOneDnn(bool on)
    {
        TorchBackends.Mkldnn = on;
        if (!on) TorchBackends.Nnpack = false;
    }

    /// <summary>
    /// Diagnostics: the largest error of a convolution with oneDNN switched on for the duration (then restored).
    /// Not thread-safe with concurrent convolutions.
    /// </summary>
    public static double MeasureOneDnn()
    {
        lock (Gate)
        {
            var was = TorchBackends.Mkldnn;
            TorchBackends.Mkldnn = true;
            try { return ProbeError(); }
            finally { TorchBackends.Mkldnn = was; }
        }
    }

    /// <summary>Largest error of a 22-channel forward and a 1-output-channel input gradient against im2col + matmul.</summary>
    static double ProbeError()
    {
        using var scope = NewDisposeScope();
        using var gen = new torch.Generator(12345, CPU);
        var x = randn([4, 22, 8, 8], generator: gen).requires_grad_(true);
        var w = randn([1, 22, 3, 3], generator: gen).div(10);
        var xr = x.detach().requires_grad_(true);
        var y = F.conv2d(x, w, padding: [1, 1]);
        var reference = w.reshape(1, -1).matmul(F.unfold(xr, 3, padding: 1)).reshape(4, 1, 8, 8);
        var g = randn([4, 1, 8, 8], generator: gen);
        y.backward([g]);
        reference.backward([g]);
        var err = Math.Max(y.sub(reference).abs().max().item<float>(), x.grad!.sub(xr.grad!).abs().max().item<float>());
        return float.IsNaN(err) ? double.PositiveInfinity : err;
    }
}
