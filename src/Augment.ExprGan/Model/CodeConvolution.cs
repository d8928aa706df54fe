using Augment.Torch;
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
/// Every convolution here is also padded onto oneDNN's 16-channel blocks (zero input channels beyond 16, zero output
/// rows up to a multiple of 16, cut off again): zeros change no sum, and on the CPUs where oneDNN is wrong off those
/// blocks (docs/platform.md) the whole decoder and D_img can then run on it (<see cref="ExprGanArchitecture.ConvolutionsAligned"/>).
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

    /// <summary>conv2d with the input's channels (when more than 16) and the output's padded to multiples of 16.</summary>
    static Tensor Convolve(Tensor input, Tensor weight, Tensor? bias, long stride, long padding)
    {
        long cin = input.shape[1], cout = weight.shape[0];
        const long Block = ConvolutionGuard.Block;
        var padIn = cin > Block && cin % Block != 0 ? Block - cin % Block : 0;
        var padOut = cout % Block != 0 ? Block - cout % Block : 0;
        if (padIn == 0 && padOut == 0) return F.conv2d(input, weight, bias, strides: [stride, stride], padding: [padding, padding]);
        using var scope = NewDisposeScope();
        if (padIn > 0)
        {
            input = F.pad(input, [0, 0, 0, 0, 0, padIn]);
            weight = F.pad(weight, [0, 0, 0, 0, 0, padIn]);
        }
        if (padOut > 0)
        {
            weight = F.pad(weight, [0, 0, 0, 0, 0, 0, 0, padOut]);
            if (bias is not null) bias = F.pad(bias, [0, padOut]);
        }
        var y = F.conv2d(input, weight, bias, strides: [stride, stride], padding: [padding, padding]);
        return (padOut > 0 ? y.narrow(1, 0, cout) : y).MoveToOuterDisposeScope();
    }
}
