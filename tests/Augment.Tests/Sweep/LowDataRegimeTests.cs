using Augment.Core;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Data.Procedural;
using Augment.Sweep;
using Augment.Sweep.Plan;
using Augment.Torch;

namespace Augment.Tests.Sweep;

/// <summary>Issue 14 item 4: --train-subjects N, a low-data regime for the GAN and the classifier, test sides unchanged.</summary>
public sealed class LowDataRegimeTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "augment-lowdata-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    static FaceSet Faces() => new ProceduralFaces(new ProceduralOptions { Identities = 12, ImagesPerExpression = 1, Nuisance = false }, new FaceLoadOptions { Size = 16, Seed = 2 }).Load(out _);

    static HashSet<string> Subjects(FaceSet set, IEnumerable<int> rows) => rows.Select(i => set.Subjects[i]!).ToHashSet();

    [Fact]
    public void TrainingSidesKeepNSubjectsWithAllTheirImagesAndTestSidesAreUnchanged()
    {
        using var set = Faces();
        var o = new SweepOptions { Folds = 3 };
        var full = SweepClasses.Splits(set, o);
        var low = SweepClasses.Splits(set, o with { TrainSubjects = 3 });
        Assert.Equal(full.Count, low.Count);
        for (int f = 0; f < full.Count; f++)
        {
            Assert.Equal(full[f].Test, low[f].Test);
            var kept = Subjects(set, low[f].Train);
            Assert.Equal(3, kept.Count);
            Assert.Subset(Subjects(set, full[f].Train), kept);
            Assert.Equal(full[f].Train.Where(i => kept.Contains(set.Subjects[i]!)), low[f].Train);   // whole subjects
            Assert.Equal(set.ClassCount, low[f].Train.Select(i => set.Labels[i]).Distinct().Count());
            Assert.Contains("cut to 3 of its 8 subjects", low[f].Description);
        }
        // Chosen from the split seed: the same every time.
        Assert.Equal(low.Select(s => s.Train), SweepClasses.Splits(set, o with { TrainSubjects = 3 }).Select(s => s.Train));

        var e = Assert.Throws<ArgumentException>(() => SweepClasses.Splits(set, o with { TrainSubjects = 9 }));
        Assert.Contains("--train-subjects 9", e.Message);
    }

    [Fact]
    public void TheRegimeChangesTheOptionsHashTheGanKeyAndTheReport()
    {
        var o = new SweepOptions { GanPreset = "tiny", ImageSize = 16, Counts = [0, 300], Seeds = [1], Variants = [ClassicAugmentation.Off] };
        Assert.NotEqual(o.Hash("d"), (o with { TrainSubjects = 4 }).Hash("d"));
        Assert.NotEqual((o with { TrainSubjects = 5 }).Hash("d"), (o with { TrainSubjects = 4 }).Hash("d"));

        string Key(int? n)
        {
            using var backend = new FaceSweepBackend(o with { TrainSubjects = n }, Faces(), Path.Combine(_dir, "cache"), DeviceKind.Cpu);
            return backend.GanKey(0);
        }
        Assert.NotEqual(Key(null), Key(4));   // the GAN plan hashes the training set's content
        Assert.NotEqual(Key(5), Key(4));
        Assert.Equal(Key(4), Key(4));

        new SweepRunner(o with { TrainSubjects = 4 }, new FakeBackend(), _dir, NullProgress.Instance).Run("t", false);
        var md = File.ReadAllText(Path.Combine(_dir, "summary.md"));
        Assert.Contains("Low-data regime (--train-subjects 4)", md);
        Assert.Contains("- training subjects: 4 per split", md);
    }
}
