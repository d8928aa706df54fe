namespace Augment.Sweep.Progress;

/// <summary>
/// Seconds per unit of each kind of work, starting from priors and replaced by what this run measured as soon as a
/// unit of that kind has finished, so the ETA follows the machine it runs on (and its load) instead of counting cells
/// as if they all cost the same.
/// </summary>
public sealed class CostModel
{
    // Priors: the small GAN at 32x32 trained at ~15 images/s, the default CNN at ~700 rows/s, the ONNX generator
    // rendered ~1500 images/s (1 torch thread, AMD EPYC, results/procedural/cells.csv of the 3-seed sweep); they are
    // scaled by the thread count in use, and only matter until the first unit of each kind finishes.
    double _ganRate, _rowRate, _renderRate;
    double _ganSeconds, _ganUnits, _rowSeconds, _rowUnits, _renderSeconds, _renderUnits;

    public CostModel(int threads = 1, double ganImagesPerSecond = 15, double classifierRowsPerSecond = 700, double renderImagesPerSecond = 1500)
    {
        var speedup = 1 + 0.6 * Math.Max(0, Math.Min(threads, Environment.ProcessorCount) - 1);
        _ganRate = 1 / (ganImagesPerSecond * speedup);
        _rowRate = 1 / (classifierRowsPerSecond * speedup);
        _renderRate = 1 / (renderImagesPerSecond * speedup);
    }

    public double Seconds(WorkItem w) => w.GanImageEpochs * _ganRate + w.ClassifierRows * _rowRate + w.SyntheticImages * _renderRate;

    public void ObserveGan(double imageEpochs, double seconds)
    {
        if (imageEpochs <= 0 || seconds <= 0) return;
        _ganUnits += imageEpochs; _ganSeconds += seconds; _ganRate = _ganSeconds / _ganUnits;
    }

    public void ObserveClassifier(double rows, double seconds)
    {
        if (rows <= 0 || seconds <= 0) return;
        _rowUnits += rows; _rowSeconds += seconds; _rowRate = _rowSeconds / _rowUnits;
    }

    public void ObserveRendering(double images, double seconds)
    {
        if (images <= 0 || seconds <= 0) return;
        _renderUnits += images; _renderSeconds += seconds; _renderRate = _renderSeconds / _renderUnits;
    }
}
