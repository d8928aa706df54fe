using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Evaluation.Metrics;

/// <summary>Per-image reconstruction quality for images in [-1, 1] (N x C x H x W): L1, PSNR, SSIM.</summary>
public static class ImageQuality
{
    /// <summary>Mean absolute error per image, in the [-1, 1] scale.</summary>
    public static float[] L1(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a - b).abs().flatten(1).mean([1]).cpu().data<float>().ToArray();
    }

    /// <summary>PSNR in dB per image with the peak taken over [0, 1] (images are mapped from [-1, 1]); identical images give +inf.</summary>
    public static float[] Psnr(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var mse = ((a - b) / 2).pow(2).flatten(1).mean([1]);
        return (-10 * mse.log10()).cpu().data<float>().ToArray();
    }

    /// <summary>SSIM per image (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, K1 0.01, K2 0.03, over [0, 1]), mean over channels.</summary>
    public static float[] Ssim(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var x = (a + 1) / 2;
        var y = (b + 1) / 2;
        int channels = (int)x.shape[1];
        int size = (int)Math.Min(11, Math.Min(x.shape[2], x.shape[3]));
        var window = GaussianWindow(size, 1.5, channels, x.device);
        Tensor Blur(Tensor t) => nn.functional.conv2d(t, window, groups: channels);
        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        var mx = Blur(x); var my = Blur(y);
        var sxx = Blur(x * x) - mx * mx;
        var syy = Blur(y * y) - my * my;
        var sxy = Blur(x * y) - mx * my;
        var map = (2 * mx * my + c1) * (2 * sxy + c2) / ((mx * mx + my * my + c1) * (sxx + syy + c2));
        return map.flatten(1).mean([1]).cpu().data<float>().ToArray();
    }

    static Tensor GaussianWindow(int size, double sigma, int channels, Device device)
    {
        var g = Enumerable.Range(0, size).Select(i => Math.Exp(-Math.Pow(i - (size - 1) / 2.0, 2) / (2 * sigma * sigma))).ToArray();
        var sum = g.Sum();
        var k = tensor(g.Select(v => (float)(v / sum)).ToArray(), device: device);
        return k.outer(k).expand(channels, 1, size, size).contiguous();
    }
}
