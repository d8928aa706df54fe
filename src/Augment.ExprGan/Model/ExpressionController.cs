using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Model;

/// <summary>
/// F_ctrl(y, z_y) = |z_y| * (2y - 1): the target class's block of d dims holds |z_y| and every other block
/// -|z_y|, so the code is K*d long and its magnitude is the expression intensity. Has no weights.
/// </summary>
public sealed class ExpressionController : nn.Module<Tensor, Tensor, Tensor>
{
    public ExpressionController(int classes, int dims) : base(nameof(ExpressionController))
    {
        if (classes < 2 || dims < 1) throw new ArgumentException($"Need at least 2 classes and 1 dim, got {classes} x {dims}.");
        Classes = classes;
        Dims = dims;
        RegisterComponents();
    }

    public int Classes { get; }
    public int Dims { get; }
    public int CodeSize => Classes * Dims;

    /// <param name="oneHot">N x K target classes.</param>
    /// <param name="zy">N x d intensity code (any sign; its magnitude is used).</param>
    public override Tensor forward(Tensor oneHot, Tensor zy)
    {
        using var scope = NewDisposeScope();
        var sign = oneHot.to_type(zy.dtype).mul(2).sub(1);                 // N x K, +1 target, -1 others
        var code = sign.unsqueeze(2).mul(zy.abs().unsqueeze(1));            // N x K x d
        return code.reshape(oneHot.shape[0], CodeSize).MoveToOuterDisposeScope();
    }

    /// <summary>Code for target labels at scalar intensities in [0, 1] (every dim of z_y set to the intensity).</summary>
    public Tensor Code(long[] targets, float[] intensities, Device device)
    {
        if (targets.Length != intensities.Length) throw new ArgumentException($"{targets.Length} targets but {intensities.Length} intensities.");
        using var scope = NewDisposeScope();
        var y = nn.functional.one_hot(tensor(targets, device: device), Classes);
        var zy = tensor(intensities, device: device).unsqueeze(1).expand(targets.Length, Dims);
        return forward(y, zy).MoveToOuterDisposeScope();
    }
}
