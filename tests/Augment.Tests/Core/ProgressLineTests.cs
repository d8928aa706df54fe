using Augment.Core;

namespace Augment.Tests.Core;

/// <summary>Issue 10 item 4: a line that counts steps but shows images/s says that it counts steps.</summary>
public class ProgressLineTests
{
    sealed class Last : IProgressSink
    {
        public ProgressSnapshot? Snapshot { get; private set; }
        public void Report(ProgressSnapshot snapshot) => Snapshot = snapshot;
    }

    [Fact]
    public void StepsAndTheRateUnitAreBothNamed()
    {
        var sink = new Last();
        var tracker = new ProgressTracker(sink, "ExprGAN stage 1", 40, "img");
        tracker.Advance(1, 16);
        Assert.Contains("1/40 steps (", sink.Snapshot!.ToString());
        Assert.Contains("img/", sink.Snapshot.ToString());
        var plain = new ProgressTracker(sink, "load", 10, "img");
        plain.Advance(2);
        Assert.Contains("2/10 (", sink.Snapshot.ToString());
    }
}
