namespace Augment.ExprGan.Cost;

/// <summary>
/// One convolution or linear layer as the arithmetic sees it, per image: square input of side <see cref="InSize"/>,
/// <see cref="Kernel"/> x Kernel kernel, <see cref="Stride"/>, <see cref="Padding"/> (a linear layer is a 1x1
/// convolution on a 1x1 input). Activations, norms, resizes and concatenations are not counted: they are a few
/// operations per element against hundreds of multiply-adds per output here.
/// </summary>
public sealed record LayerShape(string Name, long InChannels, long OutChannels, long Kernel, long Stride, long Padding, long InSize)
{
    public static LayerShape Conv(string name, long inChannels, long outChannels, long kernel, long stride, long padding, long inSize) =>
        new(name, inChannels, outChannels, kernel, stride, padding, inSize);

    public static LayerShape Linear(string name, long inFeatures, long outFeatures) => new(name, inFeatures, outFeatures, 1, 1, 0, 1);

    public bool IsLinear => Kernel == 1 && InSize == 1;

    public long OutSize => (InSize + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>Multiply-adds of the forward pass of one image; each of the two backward products (input, weight gradient) costs the same.</summary>
    public long MultiplyAdds => InChannels * Kernel * Kernel * OutChannels * OutSize * OutSize;

    /// <summary>im2col GEMM of a batch: (OutChannels x K) times (K x N) with K = InChannels*Kernel^2, N = batch*OutSize^2.</summary>
    public (long M, long K, long N) Gemm(long batch) => (OutChannels, InChannels * Kernel * Kernel, batch * OutSize * OutSize);

    public override string ToString() => IsLinear ? $"{Name}: linear {InChannels}->{OutChannels}"
        : $"{Name}: conv {Kernel}x{Kernel}/{Stride} {InChannels}->{OutChannels} at {InSize}->{OutSize}";
}

/// <summary>
/// Which products a pass computes. Forward always; in backward, the weight gradient when the layer's weights are
/// trained in this pass, the input gradient when anything before the layer (its input or an earlier layer's weights)
/// needs a gradient.
/// </summary>
public sealed record PassKind(bool Backward, bool WeightGradients, bool InputGradient)
{
    public static readonly PassKind Forward = new(false, false, false);

    /// <summary>Training the network's own weights on an input that needs no gradient (the discriminator step).</summary>
    public static readonly PassKind TrainWeights = new(true, true, false);

    /// <summary>Training the weights and passing the gradient on to the input (the generator step through D).</summary>
    public static readonly PassKind TrainWeightsAndInput = new(true, true, true);

    /// <summary>Frozen network, gradient to the input only (phi on the generated image).</summary>
    public static readonly PassKind InputOnly = new(true, false, true);

    /// <summary>Multiply-adds of this pass over a network's layers for one image.</summary>
    public long MultiplyAdds(IReadOnlyList<LayerShape> layers)
    {
        long total = 0;
        for (var i = 0; i < layers.Count; i++)
        {
            var m = layers[i].MultiplyAdds;
            total += m;
            if (!Backward) continue;
            if (WeightGradients) total += m;
            if (InputGradient || (WeightGradients && i > 0)) total += m;   // the first layer's input gradient only when the input needs one
        }
        return total;
    }
}
