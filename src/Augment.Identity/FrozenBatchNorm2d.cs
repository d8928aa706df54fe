using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// BatchNorm with fixed statistics and affine terms stored as buffers (torchvision's FrozenBatchNorm2d): it stays in
/// inference mode even if a caller switches the whole model to train(), so phi never updates running statistics.
/// </summary>
public sealed class FrozenBatchNorm2d : nn.Module<Tensor, Tensor>
{
    private readonly Tensor weight;
    private readonly Tensor bias;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;
    private readonly double eps;

    public FrozenBatchNorm2d(string name, long features, double eps, Device? device = null) : base(name)
    {
        weight = ones(features, device: device);
        bias = zeros(features, device: device);
        running_mean = zeros(features, device: device);
        running_var = ones(features, device: device);
        this.eps = eps;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training: false, eps: eps);
}
