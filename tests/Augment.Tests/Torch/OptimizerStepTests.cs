using System.Runtime;
using Augment.Torch;
using static TorchSharp.torch;

namespace Augment.Tests.Torch;

public class OptimizerStepTests
{
    /// <summary>The uninterrupted step updates exactly as <c>step()</c> does and leaves the collector as it found it.</summary>
    [Fact]
    public void StepsAsAdamDoesAndEndsItsRegion()
    {
        var mode = GCSettings.LatencyMode;
        var (a, b) = (Parameters(), Parameters());
        using var optA = optim.Adam(a, lr: 0.01);
        using var optB = optim.Adam(b, lr: 0.01);
        for (var i = 0; i < 3; i++)
        {
            Loss(a).backward();
            optA.step();
            Loss(b).backward();
            optB.StepUninterrupted();
            Assert.Equal(mode, GCSettings.LatencyMode);
        }
        foreach (var (p, q) in a.Zip(b)) Assert.True(p.eq(q).all().item<bool>());
        Assert.False(a[0].eq(Parameters()[0]).all().item<bool>());   // the steps moved the weights
    }

    /// <summary>Inside a caller's no-GC region the step runs and the caller's region is left for the caller to end.</summary>
    [Fact]
    public void LeavesACallersRegionOpen()
    {
        var p = Parameters();
        using var opt = optim.Adam(p, lr: 0.01);
        Loss(p).backward();
        Assert.True(GC.TryStartNoGCRegion(32L << 20));
        try
        {
            opt.StepUninterrupted();
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
        finally { GC.EndNoGCRegion(); }
    }

    static TorchSharp.Modules.Parameter[] Parameters()
    {
        using var gen = new Generator(3, CPU);
        return [new(randn([4, 5], generator: gen)), new(randn([5], generator: gen))];
    }

    static Tensor Loss(TorchSharp.Modules.Parameter[] p) => p[0].matmul(p[1]).square().sum();
}
