using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Augment.ExprGan.Model;

/// <summary>
/// conv2d(features ++ planes(code)) without building the concatenation. The code channels are constant planes
/// (CodeChannels.Append), so their part of the convolution is, per image, a weighted sum over the code of one fixed
/// response map per (output, code) channel pair; the maps only vary near the border, where zero padding cuts the
/// kernel. They are computed once per call from a single plane of ones and contracted with the batch's codes by one
/// matmul: K x kernel^2 multiply-adds per output pixel per image become K. In the cpu preset's decoder the code is
/// 37% of the convolution work. Same result and gradients as the concatenation, up to float rounding
/// (tests/Augment.Tests/ExprGan/CodeConvolutionTests.cs); the weight layout (features first, code last) is unchanged.
/// </summary>
public static class CodeConvolution
{
    /// <summary>False: concatenate and convolve, as before (kept so benchmarks can time both in one process).</summary>
    public static bool Factorized { get; set; } = true;

    /// <param name="features">N x C x H x W.</param>
    /// <param name="code">N x K, broadcast as K constant planes after the features.</param>
    /// <param name="weight">Cout x (C + K) x k x k, the weight of the concatenated convolution.</param>
    public static Tensor Conv2d(Tensor features, Tensor code, Tensor weight, Tensor? bias, long stride, long padding)
    {
        if (!Factorized) return Convolve(CodeChannels.Append(features, code), weight, bias, stride, padding);
        using var scope = NewDisposeScope();
        long n = features.shape[0], c = features.shape[1], k = code.shape[1], cout = weight.shape[0], kh = weight.shape[2], kw = weight.shape[3];
        if (weight.shape[1] != c + k) throw new ArgumentException($"Weight has {weight.shape[1]} input channels, features {c} + code {k}.");
        var y = Convolve(features, weight.narrow(1, 0, c), bias, stride, padding);
        var ones = TorchSharp.torch.ones([1, 1, features.shape[2], features.shape[3]], dtype: y.dtype, device: y.device);
        var maps = Convolve(ones, weight.narrow(1, c, k).reshape(cout * k, 1, kh, kw), null, stride, padding);
        long h = maps.shape[2], w = maps.shape[3];
        var perCode = maps.reshape(cout, k, h * w).permute(1, 0, 2).reshape(k, cout * h * w);
        var codeTerm = code.to_type(y.dtype).matmul(perCode).reshape(n, cout, h, w);
        return y.add(codeTerm).MoveToOuterDisposeScope();
    }

    static Tensor Convolve(Tensor input, Tensor weight, Tensor? bias, long stride, long padding) =>
        F.conv2d(input, weight, bias, strides: [stride, stride], padding: [padding, padding]);
}
