using System.Runtime.CompilerServices;
using Augment.Core;
using Augment.Torch;
using TorchSharp;

namespace Augment.Tests;

/// <summary>
/// Process-wide torch state decided once, before any test runs, as the command line's Program does: the convolution
/// guard (oneDNN on or off for every convolution of the process) and the thread count.
/// AUGMENT_TEST_THREADS=N runs the suite with N torch threads (check both 1 and 2: float sums differ in the last bits).
/// </summary>
static class TestProcess
{
    /// <summary>AUGMENT_TEST_THREADS, or 1 when unset.</summary>
    public static int Threads { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("AUGMENT_TEST_THREADS"), out var n) && n > 0 ? n : 1;

    [ModuleInitializer]
    internal static void Initialize()
    {
        torch.set_num_threads(Threads);
        AllocatorPolicy.Apply();
        ConvolutionGuard.Apply();
    }

    /// <summary>For fixtures that used to pin one thread: the suite's thread count.</summary>
    public static void ApplyThreads() => torch.set_num_threads(Threads);
}
