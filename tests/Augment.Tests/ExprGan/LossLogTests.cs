using Augment.ExprGan.Training;
using Augment.Tests.Data;

namespace Augment.Tests.ExprGan;

/// <summary>losses.csv through CsvHelper keeps the format it was written in by hand (issue 11 item 6).</summary>
public class LossLogTests
{
    const string Header = GuidelessHeader + ",guide";
    /// <summary>The layout before the guide term: such logs resume with an empty guide column added.</summary>
    const string GuidelessHeader = PairlessHeader + ",paired";
    /// <summary>The layout before the paired term: such logs resume with empty paired and guide columns added.</summary>
    const string PairlessHeader = "stage,epoch,step,images,seconds,cpu_seconds,pixel,identity,q,adv_img,adv_z,tv,g_total,d_img,q_d,d_z,cycle,mask,cls,cls_real";

    static readonly LossRow First = new(1, 0, 0, 8, 0.0284123, 0.02828,
        new StepLosses(float.NaN, float.NaN, 0.3475991f, 0.745717f, float.NaN, 0.0297012f, 1.09332f, 1.40992f, 0.380014f, float.NaN));
    static readonly LossRow Later = new(3, 12, 4, 40, 12, 1e-7,
        new StepLosses(0.1234567f, 2.5e-7f, 1, 0, 0.5f, 2, 3, 4, 5, 6, Cycle: 0.25f, Mask: 1, Classification: 123456.7f, ClassifierOnReal: 0, Paired: 0.5f));

    /// <summary>A fresh losses.csv in the folder with these rows.</summary>
    static string Logged(TempDirectory dir, params LossRow[] rows)
    {
        var path = dir.File("losses.csv");
        using var log = LossLog.Create(path);
        foreach (var row in rows) log.Append(row);
        return path;
    }

    [Fact]
    public void RowsAreWrittenAsTheHandWrittenLogWroteThem()
    {
        using var dir = new TempDirectory();
        var path = Logged(dir, First, Later);
        // What the hand-written log made of these rows: seconds "0.#####", losses "G6" and empty for NaN, LF line ends.
        Assert.Equal(Header + "\n" +
            "1,0,0,8,0.02841,0.02828,,,0.347599,0.745717,,0.0297012,1.09332,1.40992,0.380014,,,,,,,\n" +
            "3,12,4,40,12,0,0.123457,2.5E-07,1,0,0.5,2,3,4,5,6,0.25,1,123457,0,0.5,\n", File.ReadAllText(path));
        Assert.Equal(Header, string.Join(",", ["stage", "epoch", "step", "images", "seconds", "cpu_seconds", .. StepLosses.Columns]));
        var back = LossLog.Read(path);
        Assert.Equal([1, 3], back.Select(r => r.Stage));
        Assert.Equal(0.347599f, back[0].Losses.Q);
        Assert.True(float.IsNaN(back[0].Losses.Pixel) && float.IsNaN(back[0].Losses.ClassifierOnReal));
    }

    [Fact]
    public void ResumeKeepsFinishedEpochsAndDropsARowCutOffByAKill()
    {
        using var dir = new TempDirectory();
        var path = Logged(dir, First, First with { Epoch = 1 }, First with { Stage = 2 });
        File.AppendAllText(path, "2,0,1,16,0.0");   // killed while writing
        using (var log = LossLog.Resume(path, [2, 0, 0]))
            log.Append(Later);
        Assert.Equal([(1, 0), (1, 1), (3, 12)], LossLog.Read(path).Select(r => (r.Stage, r.Epoch)));
    }

    /// <summary>Every losses.csv committed under results/ reads; those of the current layout write back byte for byte,
    /// older ones with the empty columns of the later terms added and nothing else changed.</summary>
    [Fact]
    public void CommittedLogsReadAndRewriteUnchanged()
    {
        using var dir = new TempDirectory();
        var logs = Directory.GetFiles(Path.Combine(DataPaths.RepoRoot(), "results"), "losses.csv", SearchOption.AllDirectories);
        Assert.NotEmpty(logs);
        foreach (var original in logs)
        {
            var lines = File.ReadAllLines(original);
            Assert.Equal(lines.Length - 1, LossLog.Read(original).Count);
            if (lines[0] is not (Header or GuidelessHeader or PairlessHeader)) continue;   // logs from before the identity-preserving losses: read, never appended to
            var copy = dir.File("copy.csv");
            File.Copy(original, copy, overwrite: true);
            LossLog.Resume(copy, [int.MaxValue, int.MaxValue, int.MaxValue]).Dispose();
            var added = lines[0] == Header ? "" : lines[0] == GuidelessHeader ? "," : ",,";
            var expected = (string[])[Header, .. lines.Skip(1).Select(l => l + added)];
            Assert.Equal(expected, File.ReadAllLines(copy));
            Assert.True(File.ReadAllText(copy).EndsWith('\n') && !File.ReadAllText(copy).Contains('\r'), original);
        }
    }
}
