using Augment.Data;
using Augment.Data.Imaging;
using Augment.ExprGan;
using static TorchSharp.torch;

namespace Augment.Experiments.Commands;

/// <summary>Image files in and out for the generator commands (edit, grid, transfer).</summary>
static class GeneratorImages
{
    /// <summary>Image files given directly or found in given folders (sorted), at most 'limit'.</summary>
    public static string[] Expand(IEnumerable<string> inputs, int? limit = null)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
                files.AddRange(Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Where(ImageCodec.IsImageFile).Order(StringComparer.Ordinal));
            else if (File.Exists(input)) files.Add(input);
            else throw new FileNotFoundException($"Input '{input}' is neither an image file nor a folder.", input);
        }
        if (files.Count == 0) throw new ArgumentException($"No images (png, jpg, jpeg, bmp) in {string.Join(", ", inputs)}.");
        return (limit is { } n ? files.Take(n) : files).ToArray();
    }

    /// <summary>Loads the files as N x C x S x S in [-1, 1], resized and converted to the generator's shape.</summary>
    public static Tensor Load(IReadOnlyList<string> files, ExprGanGenerator generator)
    {
        var a = generator.Architecture;
        var options = new ImageReadOptions(a.ImageSize, a.ImageSize, a.Channels);
        var pixels = files.SelectMany(f => ImageCodec.Load(f, options).Pixels).ToArray();
        return tensor(pixels).reshape(files.Count, a.Channels, a.ImageSize, a.ImageSize);
    }

    /// <summary>Writes image i of a batch as a PNG.</summary>
    public static void Save(Tensor images, int i, string path)
    {
        using var one = images[i].detach().cpu().contiguous();
        ImageCodec.SavePng(new ImageData(one.data<float>().ToArray(), (int)one.shape[0], (int)one.shape[1], (int)one.shape[2]), path);
    }

    /// <summary>Class index for a name or synonym among the generator's classes.</summary>
    public static int ClassIndex(string name, IReadOnlyList<string> classNames)
    {
        var canonical = Expressions.Canonical(name) ?? name.Trim().ToLowerInvariant();
        var index = classNames.ToList().FindIndex(c => string.Equals(c, canonical, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new ArgumentException($"Expression '{name}' is not one of this generator's classes ({string.Join(", ", classNames)}).");
    }
}
