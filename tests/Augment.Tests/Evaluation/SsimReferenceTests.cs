using Augment.Evaluation.Metrics;
using static TorchSharp.torch;

namespace Augment.Tests.Evaluation;

/// <summary>
/// SSIM against values computed outside the code under test, from Wang, Bovik, Sheikh and Simoncelli (2004), "Image
/// quality assessment: from error visibility to structural similarity", eq. 13 with their settings: an 11x11 Gaussian
/// window (sigma 1.5, normalised to sum 1; ImageQuality narrows it to the image when the image is smaller), K1 = 0.01,
/// K2 = 0.03, L = 1 (images in [0, 1]), weighted local statistics, the mean over every window position inside the image.
/// The references were computed in double precision by this Python, written from the paper (not from ImageQuality):
/// <code>
/// def ssim(x, y, n=11, s=1.5, c1=0.01**2, c2=0.03**2):
///     H, W = len(x), len(x[0]); n = min(n, H, W)
///     g = [math.exp(-(i - (n - 1) / 2)**2 / (2 * s * s)) for i in range(n)]; g = [v / sum(g) for v in g]
///     vals = []
///     for i in range(H - n + 1):
///         for j in range(W - n + 1):
///             win = [(g[a] * g[b], x[i + a][j + b], y[i + a][j + b]) for a in range(n) for b in range(n)]
///             mx = sum(w * p for w, p, q in win); my = sum(w * q for w, p, q in win)
///             sxx = sum(w * p * p for w, p, q in win) - mx * mx; syy = sum(w * q * q for w, p, q in win) - my * my
///             sxy = sum(w * p * q for w, p, q in win) - mx * my
///             vals.append((2 * mx * my + c1) * (2 * sxy + c2) / ((mx * mx + my * my + c1) * (sxx + syy + c2)))
///     return sum(vals) / len(vals)
/// </code>
/// Sensitivity of the 12x12 reference: sigma 1.0 gives 0.8946, K2 = 0.01 gives 0.90976, a 7x7 window 0.9157, so the
/// tolerance of 1e-5 (float32 sums over 121 pixels are good to about 1e-7) tells each of them apart.
/// </summary>
public class SsimReferenceTests
{
    /// <summary>Images in [0, 1] to the [-1, 1] tensors ImageQuality takes (N = 1, C = 1).</summary>
    static Tensor Image(double[,] pixels) =>
        tensor(pixels.Cast<double>().Select(v => (float)(2 * v - 1)).ToArray()).reshape(1, 1, pixels.GetLength(0), pixels.GetLength(1));

    [Fact]
    public void MatchesTheFormulaOnAPatternAndADistortedCopy()
    {
        // x[i, j] = ((7i + 3j) mod 11) / 10; y = 0.1 + 0.7 x, plus 0.2 on column 5: brighter, less contrast, one stripe.
        var x = new double[12, 12];
        var y = new double[12, 12];
        for (var i = 0; i < 12; i++)
            for (var j = 0; j < 12; j++)
            {
                x[i, j] = (7 * i + 3 * j) % 11 / 10.0;
                y[i, j] = 0.1 + 0.7 * x[i, j] + (j == 5 ? 0.2 : 0);
            }
        using var a = Image(x);
        using var b = Image(y);
        Assert.Equal(0.9102141415668563, ImageQuality.Ssim(a, b)[0], tolerance: 1e-5);
    }

    [Fact]
    public void MatchesTheFormulaWhenTheWindowIsTheWholeImage()
    {
        using var a = Image(new[,] { { 0.0, 0.5, 1.0 }, { 0.25, 0.75, 0.5 }, { 1.0, 0.0, 0.5 } });
        using var b = Image(new[,] { { 0.1, 0.5, 0.9 }, { 0.3, 0.6, 0.5 }, { 0.8, 0.2, 0.4 } });
        Assert.Equal(0.9156281242086296, ImageQuality.Ssim(a, b)[0], tolerance: 1e-5);
    }

    /// <summary>
    /// By hand: flat images have no variance, so SSIM is the luminance term (2 mx my + C1) / (mx² + my² + C1); with mx = 0
    /// and my = 0.02 that is C1 / (0.0004 + C1) = 0.2, which K1 not squared (C1 = 0.01: 0.96) or left out (0) would miss.
    /// </summary>
    [Fact]
    public void FlatImagesGiveTheLuminanceTerm()
    {
        using var black = full(1, 1, 16, 16, -1f);      // 0 in [0, 1]
        using var dark = full(1, 1, 16, 16, -0.96f);    // 0.02
        Assert.Equal(0.2, ImageQuality.Ssim(black, dark)[0], tolerance: 1e-5);
    }
}
