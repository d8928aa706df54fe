using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Data;

/// <summary>
/// A labelled set of face images held in memory: float32 N x C x H x W in [-1, 1] on the CPU, one expression
/// label per image (index into <see cref="ClassNames"/>), the subject per image (null when unknown), and
/// optionally the ground-truth intensity in [0, 1], the source file of each image and a split tag given by the
/// data set itself (e.g. FER2013's Training/PublicTest/PrivateTest).
/// Owns its tensor: dispose the set to free it.
/// </summary>
public sealed class FaceSet : IDisposable
{
    public FaceSet(string name, Tensor images, int[] labels, IReadOnlyList<string> classNames,
        string?[]? subjects = null, float[]? intensities = null, string[]? sources = null, string?[]? splitTags = null)
    {
        if (images.dim() != 4) throw new ArgumentException($"Images must be N x C x H x W, got shape [{string.Join(", ", images.shape)}].");
        var n = (int)images.shape[0];
        if (labels.Length != n) throw new ArgumentException($"{labels.Length} labels for {n} images.");
        if (subjects != null && subjects.Length != n) throw new ArgumentException($"{subjects.Length} subjects for {n} images.");
        if (intensities != null && intensities.Length != n) throw new ArgumentException($"{intensities.Length} intensities for {n} images.");
        if (sources != null && sources.Length != n) throw new ArgumentException($"{sources.Length} sources for {n} images.");
        if (splitTags != null && splitTags.Length != n) throw new ArgumentException($"{splitTags.Length} split tags for {n} images.");
        if (labels.Any(l => l < 0 || l >= classNames.Count))
            throw new ArgumentException($"Label {labels.First(l => l < 0 || l >= classNames.Count)} is outside the {classNames.Count} classes.");
        Name = name;
        Images = images.dtype == ScalarType.Float32 ? images : images.to_type(ScalarType.Float32);
        Labels = labels;
        ClassNames = classNames;
        Subjects = subjects ?? new string?[n];
        Intensities = intensities;
        Sources = sources;
        SplitTags = splitTags;
    }

    public string Name { get; }
    public Tensor Images { get; }
    public int[] Labels { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public string?[] Subjects { get; }
    public float[]? Intensities { get; }
    public string[]? Sources { get; }
    /// <summary>The data set's own split of each image (null when it has none).</summary>
    public string?[]? SplitTags { get; }

    public int Count => Labels.Length;
    public int Channels => (int)Images.shape[1];
    public int Height => (int)Images.shape[2];
    public int Width => (int)Images.shape[3];
    public int ClassCount => ClassNames.Count;
    public bool HasSubjects => Subjects.All(s => s != null);

    /// <summary>Images per class, in label order.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (var l in Labels) counts[l]++;
        return counts;
    }

    /// <summary>A new set holding copies of the given rows (order kept).</summary>
    public FaceSet Subset(IReadOnlyList<int> indices, string? name = null)
    {
        using var idx = tensor(indices.Select(i => (long)i).ToArray(), ScalarType.Int64);
        var images = Images.index_select(0, idx);
        return new FaceSet(name ?? Name, images,
            indices.Select(i => Labels[i]).ToArray(), ClassNames,
            indices.Select(i => Subjects[i]).ToArray(),
            Intensities == null ? null : indices.Select(i => Intensities[i]).ToArray(),
            Sources == null ? null : indices.Select(i => Sources[i]).ToArray(),
            SplitTags == null ? null : indices.Select(i => SplitTags[i]).ToArray());
    }

    /// <summary>Stable content hash (labels, subjects, pixels), used to key checkpoints and caches to their data.</summary>
    public string ContentHash()
    {
        using var h = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        h.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Join(",", ClassNames) + "|" + string.Join(",", Images.shape)));
        h.AppendData(System.Text.Encoding.UTF8.GetBytes(string.Join(",", Labels) + "|" + string.Join(",", Subjects)));
        using var cpu = Images.cpu().contiguous();
        h.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()));
        return Convert.ToHexString(h.GetHashAndReset())[..16].ToLowerInvariant();
    }

    public void Dispose() => Images.Dispose();
}
