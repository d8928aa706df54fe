using System.Runtime;
using TorchSharp;

namespace Augment.Torch;

/// <summary>
/// An optimizer step that no garbage collection can interrupt. TorchSharp 0.107's Adam and AdamW turn doubles into
/// Scalars inside <c>step</c> (alpha, value) and hand libtorch their native pointers; nothing keeps the managed Scalar
/// alive for the call, so a collection that starts meanwhile can finalize it and free the native value while libtorch
/// still reads it ("Expected false to be true ... toFloat", c10/core/Scalar.h; docs/platform.md, "A rare native
/// failure in Adam's step"; TorchSharp pull requests 1434 and 1496 dispose those Scalars explicitly, unreleased). A
/// no-GC region around the step leaves no collection to start: the step allocates a few hundred small objects, far
/// inside the budget. Where the region cannot start (already inside one), the step runs as before.
/// </summary>
public static class OptimizerStep
{
    /// <summary>Bytes the step may allocate without a collection; a step of the largest network here allocates well under 1 MB.</summary>
    const long Budget = 16L << 20;

    /// <summary><c>optimizer.step()</c> inside a no-GC region.</summary>
    public static void StepUninterrupted(this torch.optim.Optimizer optimizer)
    {
        var region = GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(Budget);
        try { optimizer.step(); }
        finally
        {
            // The region ends by itself if the budget ran out (a collection then happened); ending it again would throw.
            if (region && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
    }
}
