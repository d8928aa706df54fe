using Augment.Classifier;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Tests.Classifier;

/// <summary>Two rewrites that must not change a single number: ExpressionCnn's pool before its block's last ReLU, and
/// the batched flip-and-shift, each against the order it replaced.</summary>
public class LayerOrderTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("8-16-32/conv2/s2d")]
    public void PoolingBeforeTheLastReluGivesTheSameOutputAndGradients(string arch)
    {
        torch.random.manual_seed(5);
        using var cnn = new ExpressionCnn(CnnArchitecture.Parse(arch), 1, 48, 48, 7);
        cnn.train();
        var features = (nn.Module<Tensor, Tensor>)cnn.named_children().Single(c => c.name == "features").module;
        var classifier = (nn.Module<Tensor, Tensor>)cnn.named_children().Single(c => c.name == "classifier").module;
        var layers = features.named_children().Select(c => (c.name, Module: (nn.Module<Tensor, Tensor>)c.module)).ToList();
        Assert.Contains(layers, l => l.name.StartsWith("pool", StringComparison.Ordinal));
        // The order ExpressionCnn had before, rebuilt from the layer names alone: per block conv, (layout), batch
        // norm, ReLU for each convolution, then the pool.
        var keys = new List<(int Block, int Conv, int Rank)>();
        foreach (var (name, _) in layers)
            keys.Add(name switch
            {
                "s2d" => (-1, 0, 0),
                "layout" => keys.Count == 0 ? (-1, 0, 1) : keys[^1] with { Rank = 1 },
                _ when name.StartsWith("pool", StringComparison.Ordinal) => (int.Parse(name[4..]), int.MaxValue, 0),
                _ => Key(name),
            });
        layers = layers.Zip(keys).OrderBy(p => p.Second).Select(p => p.First).ToList();

        using var x = randn(6, 1, 48, 48);
        var (output, grads) = Run(cnn, () => cnn.forward(x));
        var (reference, referenceGrads) = Run(cnn, () =>
        {
            var h = x;
            foreach (var (_, module) in layers) h = module.forward(h);
            return classifier.forward(h);
        });
        Assert.True(Same(output, reference));
        foreach (var (g, r) in grads.Zip(referenceGrads)) Assert.True(Same(g, r));
    }

    static (int, int, int) Key(string name)
    {
        var rank = name.StartsWith("conv", StringComparison.Ordinal) ? 0 : name.StartsWith("bn", StringComparison.Ordinal) ? 2 : 3;
        var at = name.IndexOfAny("0123456789".ToCharArray());
        var parts = name[at..].Split('_');
        return (int.Parse(parts[0]), int.Parse(parts[1]), rank);
    }

    // Output and parameter gradients of one pass; dropout masks and batch-norm statistics replayed from the same seed.
    static (Tensor Output, Tensor[] Grads) Run(ExpressionCnn cnn, Func<Tensor> forward)
    {
        var saved = cnn.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        torch.random.manual_seed(9);
        cnn.zero_grad();
        var output = forward();
        output.square().sum().backward();
        var grads = cnn.parameters().Select(p => p.grad!.clone()).ToArray();
        cnn.load_state_dict(saved);   // running statistics back, so the second pass starts where the first did
        return (output.detach(), grads);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void BatchedFlipAndShiftEqualsPadCropAndFlipPerImage(int shift)
    {
        torch.random.manual_seed(2);
        using var batch = rand(16, 3, 10, 12);
        using var augmented = TrainingAugmentation.FlipAndShift(batch, new Random(7), shift);
        using var reference = PerImage(batch, new Random(7), shift);
        Assert.True(Same(augmented, reference));
    }

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    // The implementation FlipAndShift replaced, draw for draw.
    static Tensor PerImage(Tensor batch, Random rng, int shift)
    {
        var (h, w) = (batch.shape[2], batch.shape[3]);
        var padded = nn.functional.pad(batch, [shift, shift, shift, shift], PaddingModes.Replicate);
        var images = new Tensor[batch.shape[0]];
        for (var i = 0; i < images.Length; i++)
        {
            var flip = rng.Next(2) == 1;
            var dy = rng.Next(-shift, shift + 1);
            var dx = rng.Next(-shift, shift + 1);
            var image = padded[i].narrow(1, shift + dy, h).narrow(2, shift + dx, w);
            images[i] = flip ? image.flip(2) : image;
        }
        return stack(images);
    }
}
