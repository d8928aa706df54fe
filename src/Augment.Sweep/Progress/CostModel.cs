namespace Augment.Sweep.Progress;

/// <summary>
/// Seconds per unit of each kind of work, so the ETA weighs each step by what it costs instead of counting cells as if
/// they all cost the same. Starts from priors measured together (one run, so their ratios hold); once a kind has been
/// measured its own rate is used, and the kinds not yet measured are scaled by how much faster or slower than its
/// prior this machine (with its current load) ran the measured ones.
/// </summary>
public sealed class CostModel
{
    // Priors per thread-equivalent, measured together in one run (so their ratios hold): the default procedural sweep
    // of commit ef4904f with 2 threads on the 2-core AMD EPYC (Zen 5) with one other job running
    // (results/procedural/budget-ip.md): the ip-small GAN with its gate check ran 9360 image-epochs in 96 s, the CNN
    // 100K rows in 60 s, the ONNX generator 198K images in 120 s; 2 threads count as 1.6. Other GANs' image-epochs come
    // weighted by their FLOPs relative to ip-small's (FaceSweepBackend.RelativeGanCost), and so are synthetic images
    // (FaceSweepBackend.RenderCost).
    readonly double[] _prior = new double[3];
    readonly double[] _seconds = new double[3];
    readonly double[] _units = new double[3];
    const int Gan = 0, Rows = 1, Render = 2;

    public CostModel(int threads = 1, double ganImageEpochsPerSecond = 61, double classifierRowsPerSecond = 1040, double renderImagesPerSecond = 1030)
    {
        var speedup = 1 + 0.6 * Math.Max(0, Math.Min(threads, Environment.ProcessorCount) - 1);
        _prior[Gan] = 1 / (ganImageEpochsPerSecond * speedup);
        _prior[Rows] = 1 / (classifierRowsPerSecond * speedup);
        _prior[Render] = 1 / (renderImagesPerSecond * speedup);
    }

    /// <summary>Seconds per unit of a kind: measured, or the prior scaled by the measured kinds' mean ratio to theirs.</summary>
    double Rate(int kind)
    {
        if (_units[kind] > 0) return _seconds[kind] / _units[kind];
        var measured = Enumerable.Range(0, 3).Where(k => _units[k] > 0).Select(k => _seconds[k] / _units[k] / _prior[k]).ToList();
        return _prior[kind] * (measured.Count > 0 ? measured.Average() : 1);
    }

    public double Seconds(WorkItem w) => w.GanImageEpochs * Rate(Gan) + w.ClassifierRows * Rate(Rows) + w.SyntheticImages * Rate(Render);

    public void ObserveGan(double imageEpochs, double seconds) => Observe(Gan, imageEpochs, seconds);

    public void ObserveClassifier(double rows, double seconds) => Observe(Rows, rows, seconds);

    public void ObserveRendering(double images, double seconds) => Observe(Render, images, seconds);

    void Observe(int kind, double units, double seconds)
    {
        if (units <= 0 || seconds <= 0) return;
        _units[kind] += units;
        _seconds[kind] += seconds;
    }
}
