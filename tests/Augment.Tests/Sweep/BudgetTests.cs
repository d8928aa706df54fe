using Augment.Core;
using Augment.Sweep.Plan;
using Augment.Sweep.Progress;
using Augment.Tests.Cli;

namespace Augment.Tests.Sweep;

/// <summary>
/// Issue 10, "done when": the default sweep fits 15 minutes and --quick 2 minutes on the 2-core machine. Since the
/// default GAN is the gate-checked procedural recipe (ip-procedural, issue 12 item 4: 11.7 min in the default sweep) the
/// default's budget is 25 minutes (measured: 18.5, results/procedural/summary.md). The plans' expected costs
/// (CostModel's priors, measured there) are checked deterministically; --quick also runs for real.
/// </summary>
public sealed class BudgetTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "augment-budget-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Expected seconds of a whole plan on the training images a procedural sweep of these options has.</summary>
    static double ExpectedSeconds(SweepOptions o, int trainImages)
    {
        var rows = (double)o.ClassifierEpochs * o.ClassifierSamplesPerEpoch;
        var work = new List<WorkItem>();
        var preset = Augment.ExprGan.Training.ExprGanPreset.Get(o.GanPreset);
        var arch = preset.Architecture(1, 6) with { ImageSize = o.ImageSize };
        var perImage = Augment.Sweep.FaceSweepBackend.RelativeGanCost(arch, preset.UsesIdentityNetwork);
        var perEdit = Augment.Sweep.FaceSweepBackend.RelativeRenderCost(arch);
        work.Add(new WorkItem("gan", o.Counts.Any(c => c > 0) ? trainImages * o.GanEpochs.Sum() * perImage : 0, 0, 0));   // one GAN per split
        // Every cell of the plan (classic and synthetic variants, count 0 once) fits a CNN; each count renders once per seed.
        int? rendered = null;
        foreach (var cell in SweepCell.Enumerate(1, o))
        {
            work.Add(new WorkItem("cell", 0, rows, rendered != cell.Count ? cell.Count * perEdit : 0));
            rendered = cell.Count;
        }
        return new SweepProgress(NullProgress.Instance, new CostModel(o.Threads), work).Remaining().TotalSeconds;
    }

    [Fact]
    public void TheDefaultPlansFitTheirBudgets()
    {
        var d = SweepDefaults.For("procedural", quick: false) with { Threads = 2 };
        var p = SweepDefaults.Procedural(d);
        var images = (int)(p.Identities * p.ImagesPerExpression * 6 * (1 - d.HoldoutFraction));
        Assert.Equal([SyntheticMix.Pooled, SyntheticMix.Capped], d.Synthetic);   // the default runs both, within the budget
        Assert.True(ExpectedSeconds(d, images) < 25 * 60, $"default sweep expected {ExpectedSeconds(d, images) / 60:0.0} min");
        var q = SweepDefaults.For("procedural", quick: true) with { Threads = 1 };
        Assert.True(ExpectedSeconds(q, q.MaxImages!.Value) < 2 * 60, $"quick sweep expected {ExpectedSeconds(q, q.MaxImages!.Value):0} s");
    }

    /// <summary>The ETA weighs a GAN's image-epochs by its FLOPs against the prior's ip-small at 32 px: the 48 px CK+48
    /// preset costs several times more per image, the 16 px test preset less.</summary>
    [Fact]
    public void GanWorkIsWeightedByTheArchitecturesCost()
    {
        double Relative(string name, int size)
        {
            var p = Augment.ExprGan.Training.ExprGanPreset.Get(name);
            return Augment.Sweep.FaceSweepBackend.RelativeGanCost(p.Architecture(1, 6) with { ImageSize = size }, p.UsesIdentityNetwork);
        }
        Assert.Equal(1, Relative("ip-small", 32), 9);
        Assert.InRange(Relative("ip-skip-avg", 48), 3, 30);
        Assert.True(Relative("tiny", 16) < 0.5);
        Assert.True(Relative("ip-skip-avg", 48) > Relative("ip", 48));   // the input skip adds convolution inputs
    }

    /// <summary>Synthetic images are weighted the same way, by the generator's forward FLOPs (the 48 px preset: about 4.6
    /// times ip-small at 32 px).</summary>
    [Fact]
    public void RenderingIsWeightedByTheGeneratorsCost()
    {
        double Relative(string name, int size) =>
            Augment.Sweep.FaceSweepBackend.RelativeRenderCost(Augment.ExprGan.Training.ExprGanPreset.Get(name).Architecture(1, 6) with { ImageSize = size });
        Assert.Equal(1, Relative("ip-small", 32), 9);
        Assert.InRange(Relative("ip-skip-avg", 48), 3, 30);
        Assert.True(Relative("tiny", 16) < 0.5);
    }

    [Fact]
    public void QuickSweepRunsThroughTheCommandLine()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, output) = CliHarness.Run("sweep", "--quick", "--threads", "1", "--out", Path.Combine(_dir, "run"), "--cache", Path.Combine(_dir, "cache"));
        Assert.True(code == 0, output);
        var status = Augment.Sweep.Runs.RunStatus.Read(Path.Combine(_dir, "run"))!;
        Assert.True(status.Complete);
        Assert.Equal(5, status.CellsTotal);   // 0 once, 300 and 600 pooled and capped
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(4), $"sweep --quick took {clock.Elapsed}");   // 2 minutes on an idle machine; slack for a shared one
    }
}
