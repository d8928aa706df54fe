using Augment.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.Classifier;

/// <summary>
/// The expression classifier network: conv-BN-ReLU blocks with max-pooling (the pool before the block's last ReLU),
/// then dropout + fully connected layers. Takes N x C x H x W images in about [-1, 1] and returns N x classes logits.
/// After its stem (the first convolution, or the space-to-depth fold) the activations are laid out channels-last
/// (<see cref="ChannelsLast"/>, no weights): the same function and state dict, a cheaper step on CPU.
/// </summary>
public sealed class ExpressionCnn : nn.Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Sequential classifier;

    /// <param name="channelsLast">False keeps libtorch's default (NCHW) layout throughout: for comparing the two.</param>
    public ExpressionCnn(CnnArchitecture architecture, int channels, int height, int width, int classes, bool channelsLast = true)
        : base(nameof(ExpressionCnn))
    {
        var blocks = architecture.Widths.Length;
        if (height >> blocks < 1 || width >> blocks < 1)
            throw new ArgumentException($"A {height}x{width} image is too small for the '{architecture.Name}' CNN ({blocks} pooling blocks need at least {1 << blocks} px a side).");
        if (classes < 2) throw new ArgumentException($"A classifier needs at least 2 classes, got {classes}.");
        if (architecture.SpaceToDepth && (height % 2 != 0 || width % 2 != 0))
            throw new ArgumentException($"The '{architecture.Name}' CNN folds the image into 2x2 blocks: its sides must be even, got {height}x{width}.");

        features = nn.Sequential();
        var inChannels = channels;
        if (architecture.SpaceToDepth)
        {
            features.append("s2d", nn.PixelUnshuffle(2));   // no weights: state-dict names stay those of the plain stem
            inChannels = 4 * channels;
        }
        // The layout goes where the activations first have several channels (a 1-channel image cannot carry it).
        var layoutPending = channelsLast;
        if (layoutPending && inChannels > 1)
        {
            features.append("layout", new ChannelsLast());
            layoutPending = false;
        }
        for (var b = 0; b < blocks; b++)
        {
            var pools = b > 0 || !architecture.SpaceToDepth;
            for (var c = 0; c < architecture.ConvsPerBlock; c++)
            {
                var outChannels = architecture.Widths[b];
                features.append($"conv{b}_{c}", nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: false));
                if (layoutPending)
                {
                    features.append("layout", new ChannelsLast());
                    layoutPending = false;
                }
                features.append($"bn{b}_{c}", nn.BatchNorm2d(outChannels));
                // ReLU and 2x2 max-pool commute exactly (both monotone, ReLU's gradient is 0 wherever the pooled
                // maximum is <= 0), so the block's last ReLU runs after the pool, on a quarter of the values.
                if (c == architecture.ConvsPerBlock - 1 && pools)
                    features.append($"pool{b}", nn.MaxPool2d(2));
                features.append($"relu{b}_{c}", nn.ReLU(inplace: true));
                inChannels = outChannels;
            }
        }

        var flat = inChannels * (height >> blocks) * (width >> blocks);
        classifier = nn.Sequential(
            ("flatten", nn.Flatten()),
            ("drop0", nn.Dropout(architecture.Dropout)),
            ("fc0", nn.Linear(flat, architecture.Hidden)),
            ("relu", nn.ReLU(inplace: true)),
            ("drop1", nn.Dropout(architecture.Dropout)),
            ("fc1", nn.Linear(architecture.Hidden, classes)));
        RegisterComponents();
    }

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return classifier.forward(features.forward(images)).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            features.Dispose();
            classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
