using Augment.ExprGan.Cost;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Augment.Experiments.Benchmarks;

/// <summary>
/// What a network's passes would cost as bare kernels of the same shapes, built once and then timed: (a) the
/// float32 matrix products of their im2col GEMMs (forward, input gradient, weight gradient) and (b) plain conv2d /
/// linear calls with autograd on exactly the tensors that need gradients. Both run in the process's current
/// convolution mode and thread count, so a share against them is measured under the same conditions.
/// </summary>
sealed class ReferenceKernels : IDisposable
{
    readonly List<Tensor> kept = [];
    readonly List<Action> matmuls = [];
    readonly List<Action> convs = [];

    public ReferenceKernels(IEnumerable<(IReadOnlyList<LayerShape> Layers, PassKind Pass, long Batch)> passes, int seed)
    {
        using var gen = new Generator((ulong)seed, CPU);
        foreach (var (layers, pass, batch) in passes)
            for (var i = 0; i < layers.Count; i++)
            {
                var l = layers[i];
                var weightGrad = pass.Backward && pass.WeightGradients;
                var inputGrad = pass.Backward && (pass.InputGradient || (pass.WeightGradients && i > 0));
                AddMatmuls(l, batch, weightGrad, inputGrad, gen);
                AddConv(l, batch, pass.Backward, weightGrad, inputGrad, gen);
            }
    }

    /// <summary>The tensors live as long as this object, whatever dispose scope the caller is in.</summary>
    Tensor Keep(Tensor t)
    {
        kept.Add(t.DetachFromDisposeScope());
        return t;
    }

    void AddMatmuls(LayerShape l, long batch, bool weightGrad, bool inputGrad, Generator gen)
    {
        var (m, k, n) = l.Gemm(batch);
        var w = Keep(randn([m, k], generator: gen));
        var cols = Keep(randn([k, n], generator: gen));
        var dy = Keep(randn([m, n], generator: gen));
        matmuls.Add(() => { using var s = NewDisposeScope(); w.mm(cols); });
        if (inputGrad) matmuls.Add(() => { using var s = NewDisposeScope(); w.t().mm(dy); });
        if (weightGrad) matmuls.Add(() => { using var s = NewDisposeScope(); dy.mm(cols.t()); });
    }

    void AddConv(LayerShape l, long batch, bool backward, bool weightGrad, bool inputGrad, Generator gen)
    {
        var x = Keep((l.IsLinear ? randn([batch, l.InChannels], generator: gen) : randn([batch, l.InChannels, l.InSize, l.InSize], generator: gen)).requires_grad_(inputGrad));
        var w = Keep((l.IsLinear ? randn([l.OutChannels, l.InChannels], generator: gen) : randn([l.OutChannels, l.InChannels, l.Kernel, l.Kernel], generator: gen)).requires_grad_(weightGrad));
        var dy = Keep(l.IsLinear ? randn([batch, l.OutChannels], generator: gen) : randn([batch, l.OutChannels, l.OutSize, l.OutSize], generator: gen));
        convs.Add(() =>
        {
            using var s = NewDisposeScope();
            var y = l.IsLinear ? F.linear(x, w) : F.conv2d(x, w, strides: [l.Stride, l.Stride], padding: [l.Padding, l.Padding]);
            if (backward && (weightGrad || inputGrad)) y.backward([dy]);
        });
    }

    public void RunMatmuls() { foreach (var a in matmuls) a(); }

    public void RunConvs() { foreach (var a in convs) a(); }

    public void Dispose()
    {
        foreach (var t in kept) t.Dispose();
        kept.Clear();
    }
}
