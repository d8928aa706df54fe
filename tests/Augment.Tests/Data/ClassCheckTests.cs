using Augment.Data;
using Augment.Data.Splits;
using Augment.Sweep.Plan;
using static TorchSharp.torch;

namespace Augment.Tests.Data;

/// <summary>Issue 10 item 6: a class that cannot be learnt or scored is refused, or dropped only when asked.</summary>
public class ClassCheckTests
{
    /// <summary>10 subjects x 2 images of 'anger' and 'happiness'; 'fear' has one image, of one subject.</summary>
    static FaceSet Set()
    {
        var labels = new List<int>();
        var subjects = new List<string?>();
        for (int s = 0; s < 10; s++)
            for (int k = 0; k < 2; k++)
                for (int i = 0; i < 2; i++) { labels.Add(k); subjects.Add($"S{s:000}"); }
        labels.Add(2); subjects.Add("S000");
        return new FaceSet("test", zeros(labels.Count, 1, 8, 8), [.. labels], ["anger", "happiness", "fear"], [.. subjects]);
    }

    [Fact]
    public void ASweepRefusesAClassWithTooFewImagesNamingItsCounts()
    {
        var o = new SweepOptions { Counts = [0], Seeds = [1] };
        var e = Assert.Throws<ArgumentException>(() => SweepClasses.Check(Set(), o));
        Assert.Matches(@"fear: [01] train / [01] test images", e.Message);
        Assert.Contains(SweepClasses.DropOption, e.Message);
    }

    [Fact]
    public void DroppingIsExplicitAndRecorded()
    {
        var (set, o) = SweepClasses.Check(Set(), new SweepOptions { Counts = [0], Seeds = [1], DropDegenerateClasses = true });
        using var _ = set;
        Assert.Equal(["anger", "happiness"], set.ClassNames);
        Assert.Equal(40, set.Count);
        Assert.Single(o.DroppedClasses);
        Assert.StartsWith("fear:", o.DroppedClasses[0]);
    }

    [Fact]
    public void AnEmptyClassIsDegenerateWithoutASplit()
    {
        using var set = new FaceSet("t", zeros(4, 1, 8, 8), [0, 0, 1, 1], ["anger", "happiness", "fear"]);
        var problems = ClassCheck.Degenerate(set, []);
        Assert.Equal("fear", Assert.Single(problems).ClassName);
    }
}
