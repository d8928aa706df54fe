namespace Augment.Sweep.Progress;

/// <summary>
/// The work one step of a sweep costs, in the three units whose time is roughly proportional to them: GAN training
/// (images x epochs, 0 when the GAN comes from the cache), classifier rows seen, synthetic images rendered.
/// </summary>
public sealed record WorkItem(string Label, double GanImageEpochs, double ClassifierRows, double SyntheticImages)
{
    public static WorkItem operator +(WorkItem a, WorkItem b) =>
        new(a.Label, a.GanImageEpochs + b.GanImageEpochs, a.ClassifierRows + b.ClassifierRows, a.SyntheticImages + b.SyntheticImages);
}
