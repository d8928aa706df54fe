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
/// slower). AUGMENT_ONEDNN=on|off skips the check. Where oneDNN is wrong, the probe also checks the channel counts the
/// defect has never reached (<see cref="Aligned"/>); when those are right, a network whose convolutions are all aligned
/// (the expression CNN, ExprGAN with widths on the blocks) runs inside <see cref="AlignedScope"/> with oneDNN on.
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
        var error = ProbeError(22, 1, channelsLast: false);
        if (error < 1e-3) return $"oneDNN convolution correct (max error {error:E1}): left on";
        var aligned = AlignedCases.Max(c => ProbeError(c.In, c.Out, c.ChannelsLast, c.Kernel, c.Stride));
        UseOneDnn(false);
        var after = ProbeError(22, 1, channelsLast: false);
        if (!(after < 1e-3))
            throw new InvalidOperationException($"Conv2d is wrong even without oneDNN (max error {after:E1}); libtorch cannot be trusted here.");
        AlignedOneDnn = aligned < 1e-3;
        return $"oneDNN convolution wrong (max error {error:E1}): switched off, ATen kernels used (max error {after:E1})" +
            (AlignedOneDnn
                ? $"; aligned channel counts right under oneDNN (max error {aligned:E1}): on for aligned networks"
                : $"; aligned channel counts wrong too (max error {aligned:E1}): off everywhere");
    }

    /// <summary>
    /// Whether a convolution's channel counts lie where the defect has never reached: inputs of at most 16 channels or
    /// a multiple of 16, outputs a multiple of 16 (oneDNN's AVX-512 blocks of 16 channels; docs/platform.md, the scan).
    /// </summary>
    public static bool Aligned(long inChannels, long outChannels) =>
        (inChannels <= Block || inChannels % Block == 0) && outChannels % Block == 0;

    /// <summary>Whether a chain of convolutions from <paramref name="inChannels"/> through each width in turn is
    /// <see cref="Aligned"/> at every step.</summary>
    public static bool Aligned(int inChannels, IEnumerable<int> widths)
    {
        foreach (var width in widths)
        {
            if (!Aligned(inChannels, width)) return false;
            inChannels = width;
        }
        return true;
    }

    /// <summary>oneDNN's channel block on AVX-512: the unit <see cref="Aligned"/> counts in.</summary>
    public const int Block = 16;

    /// <summary>
    /// For a network whose every convolution is <see cref="Aligned"/>: oneDNN on for the scope's duration when the
    /// process switched it off for the defect and the start-up probe found aligned counts right (in both layouts);
    /// otherwise nothing changes. The switch is process-wide, so nothing with unaligned convolutions may run on another
    /// thread meanwhile. The expression CNN's fit runs in it (on the Zen 5 where oneDNN is wrong, a 1.8x
    /// cheaper step than ATen's kernels), and so does ExprGAN's training when its widths are on the blocks.
    /// </summary>
    public static IDisposable AlignedScope(bool aligned)
    {
        _ = Outcome;   // the host has decided
        if (!aligned || !AlignedOneDnn || TorchBackends.Mkldnn) return SwitchScope.None;
        TorchBackends.Mkldnn = true;
        return new SwitchScope(() => TorchBackends.Mkldnn = false);
    }

    /// <summary>The process's <see cref="Outcome"/> and, where it matters (oneDNN off but right on the blocks), which
    /// kernels a network with or without aligned convolutions runs on: what a run's record should say.</summary>
    public static string Describe(bool aligned) => !AlignedOneDnn || TorchBackends.Mkldnn
        ? Outcome
        : Outcome + (aligned ? "; this network's convolutions are aligned: oneDNN" : "; this network's convolutions are not all aligned: ATen");

    /// <summary>Whether <see cref="AlignedScope"/> switches oneDNN on in this process.</summary>
    public static bool AlignedOneDnn { get; private set; }

    // The channel counts and kernels aligned networks have, both layouts: the expression CNN (grey, colour and
    // space-to-depth stems, 3x3) and ExprGAN (encoder 5x5 and classifier 4x4 at stride 2 from the image, wide
    // decoder inputs with their skip maps, the code's response maps of Cout x K outputs from one plane).
    static readonly (int In, int Out, bool ChannelsLast, int Kernel, int Stride)[] AlignedCases =
        [.. new[] { (1, 16, 3, 1), (3, 16, 3, 1), (4, 16, 3, 1), (16, 32, 3, 1), (32, 64, 3, 1), (64, 128, 3, 1), (48, 16, 3, 1),
                (1, 32, 5, 2), (3, 32, 5, 2), (128, 256, 5, 2), (1, 16, 4, 2), (64, 128, 4, 2), (512, 128, 3, 1), (32, 16, 3, 1), (1, 480, 3, 1) }
            .SelectMany(c => new[] { (c.Item1, c.Item2, false, c.Item3, c.Item4), (c.Item1, c.Item2, true, c.Item3, c.Item4) })];

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
            try { return ProbeError(22, 1, channelsLast: false); }
            finally { TorchBackends.Mkldnn = was; }
        }
    }

    /// <summary>Largest error of a convolution's output, input gradient and weight gradient against im2col + matmul.</summary>
    static double ProbeError(int inChannels, int outChannels, bool channelsLast, int kernel = 3, int stride = 1)
    {
        using var scope = NewDisposeScope();
        using var gen = new torch.Generator(12345, CPU);
        const int size = 8;
        var pad = kernel / 2;
        var outSize = (size + 2 * pad - kernel) / stride + 1;
        var x0 = randn([4, inChannels, size, size], generator: gen);
        if (channelsLast) x0 = x0.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        var x = x0.requires_grad_(true);
        var w = randn([outChannels, inChannels, kernel, kernel], generator: gen).div(10).requires_grad_(true);
        var xr = x.detach().contiguous().requires_grad_(true);
        var wr = w.detach().clone().requires_grad_(true);
        var y = F.conv2d(x, w, strides: [stride, stride], padding: [pad, pad]);
        var columns = F.unfold(xr, kernel, padding: pad, stride: stride);
        var reference = wr.reshape(outChannels, -1).matmul(columns).reshape(4, outChannels, outSize, outSize);
        var g = randn([4, outChannels, outSize, outSize], generator: gen);
        y.backward([g]);
        reference.backward([g]);
        var err = new[] { y.sub(reference), x.grad!.sub(xr.grad!), w.grad!.sub(wr.grad!) }.Max(d => d.abs().max().item<float>());
        return float.IsNaN(err) ? double.PositiveInfinity : err;
    }
}
