using Augment.Data;
using static TorchSharp.torch;

namespace Augment.Tests.Classifier;

/// <summary>Three separable classes of grey images: horizontal stripes, vertical stripes, a centred blob; random phase,
/// contrast and noise, and a subject id per 6 images so subject-wise splits can be exercised.</summary>
internal static class SyntheticPatterns
{
    public static readonly string[] ClassNames = ["horizontal", "vertical", "blob"];

    public static FaceSet Make(int perClass, int size, int seed, string name = "patterns")
    {
        var rng = new Random(seed);
        var n = perClass * ClassNames.Length;
        var pixels = new float[n * size * size];
        var labels = new int[n];
        var subjects = new string?[n];
        for (var i = 0; i < n; i++)
        {
            var label = i % ClassNames.Length;
            labels[i] = label;
            subjects[i] = $"s{seed}_{i / 6}";
            var phase = rng.NextDouble() * Math.PI * 2;
            var contrast = 0.5 + 0.4 * rng.NextDouble();
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                {
                    var v = label switch
                    {
                        0 => Math.Sin(y * 1.6 + phase),
                        1 => Math.Sin(x * 1.6 + phase),
                        _ => 1.5 * Math.Exp(-((x - size / 2.0) * (x - size / 2.0) + (y - size / 2.0) * (y - size / 2.0)) / (size * 1.5)) - 0.5,
                    };
                    pixels[i * size * size + y * size + x] = (float)Math.Clamp(contrast * v + 0.25 * (rng.NextDouble() * 2 - 1), -1, 1);
                }
        }
        return new FaceSet(name, tensor(pixels, [n, 1, size, size]), labels, ClassNames, subjects);
    }
}
