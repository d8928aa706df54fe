using Augment.Data.Imaging;
using static TorchSharp.torch;

namespace Augment.Data.Loading;

/// <summary>
/// Collects decoded images with their labels for one load, enforces one size and channel count, applies the
/// SkipBad policy (throw, or record and continue) and builds the <see cref="FaceSet"/> and its report.
/// </summary>
public sealed class FaceSetBuilder(string dataset, string source, IReadOnlyList<string> classNames, bool skipBad)
{
    readonly List<ImageData> _images = [];
    readonly List<int> _labels = [];
    readonly List<string?> _subjects = [];
    readonly List<string> _sources = [];
    readonly List<string?> _tags = [];
    readonly List<float> _intensities = [];
    readonly List<SkippedInput> _skipped = [];
    readonly List<string> _notes = [];
    bool _hasIntensities;

    public IReadOnlyList<string> ClassNames { get; } = classNames;
    public bool SkipBad { get; } = skipBad;
    public int Count => _images.Count;

    /// <summary>Decodes and adds one image; a bad one throws, or with SkipBad is recorded and left out (returns false).</summary>
    public bool TryAdd(string path, Func<ImageData> decode, int label, string? subject, string? tag = null, float? intensity = null)
    {
        try
        {
            Add(path, decode(), label, subject, tag, intensity);
            return true;
        }
        catch (DatasetException e) when (SkipBad)
        {
            _skipped.Add(new SkippedInput(e.Path, e.Problem));
            return false;
        }
    }

    /// <summary>Adds a decoded image; a size or channel mismatch with the first image is a <see cref="DatasetException"/>.</summary>
    public void Add(string path, ImageData image, int label, string? subject, string? tag = null, float? intensity = null)
    {
        if (label < 0 || label >= ClassNames.Count) throw new ArgumentOutOfRangeException(nameof(label), $"Label {label} for {path}.");
        if (_images.Count > 0)
        {
            var first = _images[0];
            if (image.Width != first.Width || image.Height != first.Height || image.Channels != first.Channels)
                throw new DatasetException(path, $"is {image.Width}x{image.Height}x{image.Channels} but {_sources[0]} is " +
                    $"{first.Width}x{first.Height}x{first.Channels}: images of mixed sizes need a target size (e.g. --size 48)");
        }
        _images.Add(image);
        _labels.Add(label);
        _subjects.Add(subject);
        _sources.Add(path);
        _tags.Add(tag);
        _intensities.Add(intensity ?? float.NaN);
        _hasIntensities |= intensity.HasValue;
    }

    /// <summary>Records an input that was left out on purpose or because it is bad (see <see cref="Fail"/>).</summary>
    public void Skip(string path, string reason) => _skipped.Add(new SkippedInput(path, reason));

    /// <summary>A bad input: throws, or with SkipBad records it.</summary>
    public void Fail(string path, string problem)
    {
        if (!SkipBad) throw new DatasetException(path, problem);
        Skip(path, problem);
    }

    public void Note(string note) => _notes.Add(note);

    /// <summary>The set (images stacked in the order added) and the report; the builder is spent afterwards. An empty result is an error.</summary>
    public FaceSet Build(out LoadReport report)
    {
        if (_images.Count == 0)
            throw new DatasetException(source, $"no images of the classes {string.Join(", ", ClassNames)} could be loaded" +
                (_skipped.Count > 0 ? $" ({_skipped.Count} skipped, first: {_skipped[0]})" : ""));
        var first = _images[0];
        var (n, len) = (_images.Count, first.Length);
        // Copy straight into the tensor and let go of each image, so a large set (FER2013) is not held twice.
        var images = empty([n, first.Channels, first.Height, first.Width], ScalarType.Float32);
        using (var target = images.data<float>())
            for (var i = 0; i < n; i++)
            {
                target.CopyFrom(_images[i].Pixels, 0, (long)i * len);
                _images[i] = null!;
            }
        _images.Clear();
        report = new LoadReport(dataset, source, n, _skipped.ToArray(), _notes.ToArray());
        return new FaceSet(dataset, images, _labels.ToArray(), ClassNames, _subjects.ToArray(),
            _hasIntensities ? _intensities.ToArray() : null, _sources.ToArray(),
            _tags.Any(t => t != null) ? _tags.ToArray() : null);
    }
}
