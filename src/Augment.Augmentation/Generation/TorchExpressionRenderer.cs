using Augment.ExprGan;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Augmentation.Generation;

/// <summary>The generator run through TorchSharp, under no_grad, one dispose scope per batch.</summary>
public sealed class TorchExpressionRenderer : IExpressionRenderer
{
    readonly IExpressionGenerator _generator;
    readonly bool _ownsGenerator;

    /// <param name="ownsGenerator">dispose the generator with the renderer (true when the renderer loaded it).</param>
    public TorchExpressionRenderer(IExpressionGenerator generator, bool ownsGenerator)
    {
        _generator = generator;
        _ownsGenerator = ownsGenerator;
    }

    public GeneratorInfo Info => _generator.Info;
    public string Name => $"TorchSharp {_generator.Device.type.ToString().ToLowerInvariant()}";

    public void Render(ReadOnlySpan<float> sources, ReadOnlySpan<int> targets, ReadOnlySpan<float> intensities, Span<float> output)
    {
        var info = _generator.Info;
        int n = targets.Length, size = info.Channels * info.Height * info.Width;
        if (sources.Length < n * size || output.Length < n * size || intensities.Length != n)
            throw new ArgumentException($"Render: {n} targets need {n * size} source and output values and {n} intensities.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = empty([n, info.Channels, info.Height, info.Width], ScalarType.Float32);
        x.data<float>().CopyFrom(sources[..(n * size)], 0, 0);
        var targetIds = new long[n];
        for (int i = 0; i < n; i++) targetIds[i] = targets[i];
        var code = _generator.Code(targetIds, intensities.ToArray());
        var y = _generator.Edit(x.to(_generator.Device), code).to(CPU).contiguous();
        y.data<float>().CopyTo(output[..(n * size)], 0, 0);
    }

    public void Dispose()
    {
        if (_ownsGenerator) _generator.Dispose();
    }
}
