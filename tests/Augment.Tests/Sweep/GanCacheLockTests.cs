using Augment.Core;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Torch;
using Augment.Tests.ExprGan;

namespace Augment.Tests.Sweep;

/// <summary>Processes sharing a GAN cache: the one training a split's GAN holds its lock, and the others see it as busy.</summary>
public class GanCacheLockTests
{
    [Fact]
    public void AGanIsBusyWhileAnotherHolderTrainsItAndNotOnceItIsCached()
    {
        using var dir = new TempDirectory();
        var o = new SweepOptions { GanPreset = "tiny", ImageSize = 16, Counts = [0, 300], Seeds = [1], Folds = 2, Variants = [ClassicAugmentation.Off] };
        using var backend = new FaceSweepBackend(o, Faces(), dir.Path, DeviceKind.Cpu);
        var folder = Path.Combine(dir.Path, $"tiny-{backend.GanKey(0)}");
        Assert.False(backend.GanBusy(0));
        using (FileLock.TryAcquire(folder + ".lock"))
        {
            Assert.True(backend.GanBusy(0));
            Assert.False(backend.GanBusy(1));   // another split's GAN
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "generator.exprgan"), "");
            Assert.False(backend.GanBusy(0));   // cached: nothing to wait for
        }
        using var noGan = new FaceSweepBackend(o with { Counts = [0] }, Faces(), dir.Path, DeviceKind.Cpu);
        Assert.False(noGan.GanBusy(0));
    }

    static Augment.Data.FaceSet Faces() =>
        new ProceduralFaces(new ProceduralOptions { Identities = 12, ImagesPerExpression = 1, Nuisance = false }, new FaceLoadOptions { Size = 16, Seed = 2 }).Load(out _);
}
