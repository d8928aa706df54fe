using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan;

/// <summary>What a trained generator needs to know about its data: classes, image shape, code sizes.</summary>
public sealed record GeneratorInfo(IReadOnlyList<string> ClassNames, int Channels, int Height, int Width, int ZDim, int CodeDims)
{
    public int Classes => ClassNames.Count;
    public int CodeSize => Classes * CodeDims;
}

/// <summary>
/// The trained ExprGAN generator as later stages use it (augmenter, evaluation, ONNX export):
/// encoder + expression controller + decoder, no discriminators, no training code.
/// Tensors in and out are on <see cref="Device"/>; images are N x C x H x W in [-1, 1].
/// </summary>
public interface IExpressionGenerator : IDisposable
{
    GeneratorInfo Info { get; }
    Device Device { get; }
    /// <summary>Identity code z, N x ZDim in (-1, 1).</summary>
    Tensor Encode(Tensor images);
    /// <summary>Image from identity z and expression code c (N x K*d); the paper design only (the identity-preserving decoder needs the image).</summary>
    Tensor Decode(Tensor z, Tensor code);
    /// <summary>Images re-rendered with expression codes (N x K*d): the edit every consumer uses.</summary>
    Tensor Edit(Tensor images, Tensor code) => Decode(Encode(images), code);
    /// <summary>Expression code for target labels at intensities in [0, 1].</summary>
    Tensor Code(long[] targets, float[] intensities);
}
