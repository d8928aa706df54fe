using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>Channel order a network expects.</summary>
public enum ChannelOrder { Rgb, Bgr }

/// <summary>
/// How a feature network expects its input, starting from the project's images in [-1, 1]: pixels are mapped to
/// 0..<see cref="PixelRange"/>, put in <see cref="Order"/>, then (x - Mean[c]) / Std[c] with Mean and Std given in that
/// order. Example: the Oxford VGG-Face release is 255, Rgb, mean (129.1863, 104.7624, 93.5940), std 1.
/// </summary>
public sealed record ImagePreprocessing(float PixelRange, ChannelOrder Order, IReadOnlyList<float> Mean, IReadOnlyList<float> Std)
{
    public void Validate()
    {
        if (!(PixelRange > 0)) throw new ArgumentException($"PixelRange must be positive, got {PixelRange}.");
        if (Mean.Count != 3 || Std.Count != 3) throw new ArgumentException($"Mean and Std need 3 values each, got {Mean.Count} and {Std.Count}.");
        if (Std.Any(s => !(s > 0))) throw new ArgumentException($"Std values must be positive, got [{string.Join(", ", Std)}].");
    }
}

/// <summary>
/// Maps images N x C x H x W in [-1, 1] (C = 1 is repeated to 3) to a network's input. When a per-pixel mean image is
/// given (the CNTK ResNet18's, 224x224) it is subtracted at exactly that size; at other sizes the per-channel means
/// stand in for it.
/// </summary>
public sealed class ImageNormalizer : nn.Module<Tensor, Tensor>
{
    private readonly Tensor mean;
    private readonly Tensor std;
    private readonly Tensor? mean_image;
    private readonly Tensor order;
    private readonly float pixelRange;

    public ImageNormalizer(string name, ImagePreprocessing preprocessing, Tensor? meanImage = null) : base(name)
    {
        preprocessing.Validate();
        if (meanImage is not null && (meanImage.dim() != 4 || meanImage.shape[0] != 1 || meanImage.shape[1] != 3))
            throw new ArgumentException($"The mean image must be 1 x 3 x H x W, got [{string.Join(", ", meanImage.shape)}].", nameof(meanImage));
        Preprocessing = preprocessing;
        pixelRange = preprocessing.PixelRange;
        mean = tensor(preprocessing.Mean.ToArray()).reshape(1, 3, 1, 1);
        std = tensor(preprocessing.Std.ToArray()).reshape(1, 3, 1, 1);
        mean_image = meanImage?.detach().clone();
        order = preprocessing.Order == ChannelOrder.Bgr ? tensor(new long[] { 2, 1, 0 }) : tensor(new long[] { 0, 1, 2 });
        RegisterComponents();
    }

    public ImagePreprocessing Preprocessing { get; }

    public override Tensor forward(Tensor images)
    {
        if (images.dim() != 4 || (images.shape[1] != 1 && images.shape[1] != 3))
            throw new ArgumentException($"Expected images N x 1 x H x W or N x 3 x H x W in [-1, 1], got [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        var x = images.shape[1] == 1 ? images.expand(-1, 3, -1, -1) : images.index_select(1, order);
        x = x.add(1f).mul(pixelRange / 2f);
        var useImage = mean_image is not null && mean_image.shape[2] == x.shape[2] && mean_image.shape[3] == x.shape[3];
        x = useImage ? x.sub(mean_image!) : x.sub(mean);
        return x.div(std).MoveToOuterDisposeScope();
    }
}
