using System.Diagnostics;
using Augment.Augmentation.Generation;
using Augment.Core;
using Microsoft.ML;
using Microsoft.ML.Data;

using Augment.Augmentation;

namespace Augment.Experiments.Benchmarks;

/// <summary>Images per second of one renderer at one batch size.</summary>
public sealed record ThroughputResult(string Backend, int Batch, long Images, double Seconds, double MedianCallSeconds)
{
    public double ImagesPerSecond => Images / Seconds;
}

/// <summary>One pass of a cursor over real + synthetic rows, with the process's memory around it.</summary>
public sealed record CursorRunResult(int RealRows, int SyntheticRows, int Batch, string Backend, double Seconds,
    long RssBeforeKb, long PeakRssKb, bool LibTorchLoaded)
{
    public double SyntheticPerSecond => SyntheticRows / Seconds;
}

/// <summary>Measurements behind `augment bench-augment`; kept free of TorchSharp so the ONNX runs never load libtorch.</summary>
public static class AugmenterBenchmark
{
    /// <summary>Renders random batches until <paramref name="seconds"/> have passed and at least one call ran (after one untimed warm-up call of up to 16 images).</summary>
    public static ThroughputResult Throughput(IExpressionRenderer renderer, int batch, double seconds, int seed)
    {
        var info = renderer.Info;
        int size = info.Channels * info.Height * info.Width;
        var random = new Random(seed);
        var sources = Enumerable.Range(0, batch * size).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var targets = Enumerable.Range(0, batch).Select(i => i % info.Classes).ToArray();
        var intensities = Enumerable.Range(0, batch).Select(_ => (float)random.NextDouble()).ToArray();
        var output = new float[batch * size];
        var warmup = Math.Min(batch, 16);                       // a slow backend at batch 256 would spend minutes warming up
        renderer.Render(sources.AsSpan(0, warmup * size), targets.AsSpan(0, warmup), intensities.AsSpan(0, warmup), output);
        var calls = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds || calls.Count == 0)
        {
            var call = Stopwatch.StartNew();
            renderer.Render(sources, targets, intensities, output);
            calls.Add(call.Elapsed.TotalSeconds);
        }
        calls.Sort();
        return new ThroughputResult(renderer.Name, batch, (long)calls.Count * batch, total.Elapsed.TotalSeconds, calls[calls.Count / 2]);
    }

    /// <summary>
    /// <paramref name="realRows"/> random grayscale faces in memory, then the augmenter (generator from
    /// <paramref name="generatorPath"/>) appending <paramref name="synthetic"/> rows, read through one cursor with the
    /// image column active so every synthetic image is generated. Peak memory is VmHWM of this process.
    /// </summary>
    public static CursorRunResult CursorRun(string generatorPath, GeneratorBackend backend, int imageSize, int realRows, int synthetic,
        int batch, int onnxThreads, int seed, IProgressSink progress)
    {
        var ml = new MLContext(seed);
        var options = new ExprGanAugmentOptions
        {
            GeneratorPath = generatorPath,
            Backend = backend,
            SyntheticCount = synthetic,
            BatchSize = batch,
            Seed = seed,
            OnnxThreads = onnxThreads,
            Layout = PixelLayout.FromExtractPixels(Microsoft.ML.Transforms.Image.ImagePixelExtractingEstimator.ColorBits.Red),
        };
        var input = Faces(ml, realRows, imageSize, seed);
        using var transformer = ml.Transforms.AugmentWithExprGan(options).Fit(input);
        var view = transformer.Transform(input);
        var features = view.Schema[options.ImageColumn];
        var rssBefore = StatusKb("VmRSS");
        var tracker = new ProgressTracker(progress, $"{transformer.Backend} {synthetic} rows", synthetic, "img");
        var clock = Stopwatch.StartNew();
        using (var cursor = view.GetRowCursor([features, view.Schema[AugmentedColumns.IsSynthetic]]))
        {
            var getImage = cursor.GetGetter<VBuffer<float>>(features);
            var isSynthetic = cursor.GetGetter<bool>(view.Schema[AugmentedColumns.IsSynthetic]);
            VBuffer<float> image = default;
            bool generated = false;
            long done = 0;
            while (cursor.MoveNext())
            {
                getImage(ref image);
                isSynthetic(ref generated);
                if (generated && ++done % 500 == 0) tracker.Advance(500);
            }
            if (done % 500 != 0) tracker.Advance(done % 500);
        }
        return new CursorRunResult(realRows, synthetic, batch, transformer.Backend, clock.Elapsed.TotalSeconds,
            rssBefore, StatusKb("VmHWM"), LibTorchLoaded());
    }

    /// <summary>A field of /proc/self/status in kB (VmRSS, VmHWM), -1 where there is no /proc.</summary>
    public static long StatusKb(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line == null ? -1 : long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return -1; }
    }

    /// <summary>Whether libtorch's native library is mapped into this process.</summary>
    public static bool LibTorchLoaded()
    {
        try { return File.ReadLines("/proc/self/maps").Any(l => l.Contains("libtorch_cpu", StringComparison.Ordinal)); }
        catch (IOException) { return false; }
    }

    sealed class Face
    {
        public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    /// <summary>Random gray faces (pixel levels 0..255, planar) with labels cycling through the paper's classes.</summary>
    static IDataView Faces(MLContext ml, int count, int size, int seed)
    {
        var random = new Random(seed);
        var names = Augment.Data.Expressions.Paper;
        var rows = Enumerable.Range(0, count).Select(i => new Face
        {
            Features = Enumerable.Range(0, size * size).Select(_ => (float)random.Next(256)).ToArray(),
            Label = names[i % names.Count],
        }).ToList();
        var schema = SchemaDefinition.Create(typeof(Face));
        schema[nameof(Face.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1, size, size);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }
}
