using Augment.ExprGan;

namespace Augment.Augmentation.Generation;

/// <summary>
/// Runs a trained generator on one batch, without tensors in the signature so the ONNX backend never needs
/// libtorch: encode each source image, then decode it with the target class's code at the given intensity.
/// Images are planar C x H x W floats in [-1, 1], one after another.
/// </summary>
public interface IExpressionRenderer : IDisposable
{
    GeneratorInfo Info { get; }

    /// <summary>Short name for reports, e.g. "TorchSharp cpu" or "ONNX Runtime".</summary>
    string Name { get; }

    /// <param name="sources">targets.Length source images.</param>
    /// <param name="targets">generator class index per image.</param>
    /// <param name="intensities">|z_y| per image in [0, 1] (every code dim set to it).</param>
    /// <param name="output">receives targets.Length edited images.</param>
    void Render(ReadOnlySpan<float> sources, ReadOnlySpan<int> targets, ReadOnlySpan<float> intensities, Span<float> output);
}
