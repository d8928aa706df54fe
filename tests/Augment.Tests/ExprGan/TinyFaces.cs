using Augment.Data;
using static TorchSharp.torch;

namespace Augment.Tests.ExprGan;

/// <summary>
/// A small synthetic labelled set for ExprGAN tests: per subject a random smooth background and brightness, per
/// class a bright bar at a class-specific angle whose contrast is the intensity. Deterministic for a seed.
/// </summary>
static class TinyFaces
{
    public static FaceSet Create(int subjects = 8, int classes = 3, int size = 16, int channels = 1, int seed = 7)
    {
        var rng = new Random(seed);
        var n = subjects * classes * 2;
        var pixels = new float[n * channels * size * size];
        var labels = new int[n];
        var subjectNames = new string?[n];
        var intensities = new float[n];
        var i = 0;
        for (var s = 0; s < subjects; s++)
        {
            var gx = rng.NextDouble() * 2 - 1;
            var gy = rng.NextDouble() * 2 - 1;
            var bright = rng.NextDouble() * 0.4 - 0.2;
            for (var k = 0; k < classes; k++)
                for (var rep = 0; rep < 2; rep++, i++)
                {
                    var strength = 0.4 + 0.6 * rng.NextDouble();
                    var angle = Math.PI * k / classes;
                    for (var c = 0; c < channels; c++)
                        for (var y = 0; y < size; y++)
                            for (var x = 0; x < size; x++)
                            {
                                double u = (x - size / 2.0) / size, v = (y - size / 2.0) / size;
                                var dist = Math.Abs(u * Math.Sin(angle) - v * Math.Cos(angle));
                                var bar = dist < 0.08 ? strength : 0;
                                var value = -0.4 + bright + 0.3 * (gx * u + gy * v) + bar + 0.1 * c;
                                pixels[((i * channels + c) * size + y) * size + x] = (float)Math.Clamp(value, -1, 1);
                            }
                    labels[i] = k;
                    subjectNames[i] = $"S{s:000}";
                    intensities[i] = (float)strength;
                }
        }
        var names = Expressions.Paper.Take(classes).ToArray();
        return new FaceSet("tiny-faces", tensor(pixels).reshape(n, channels, size, size), labels, names, subjectNames, intensities);
    }
}
