using Augment.Torch;
namespace Augment.Experiments.Benchmarks;

/// <summary>
/// Speed knobs of <see cref="BareExprGanLoop"/> that change the step itself (the process-wide one, oneDNN on or off,
/// is set through ConvolutionGuard.UseOneDnn). Defaults reproduce ExprGanStep.
/// </summary>
/// <param name="Bf16">Run the step under CPU bfloat16 autocast.</param>
/// <param name="PhiEvery">Compute the identity loss every k-th step only, weighted k times (same mean weight).</param>
/// <param name="PhiSize">Side phi sees (average-pooled from the image size); 0 = the image size.</param>
/// <param name="FreezeDiscriminatorsInG">No weight gradients for D_img, Q and D_z in the generator step (ExprGanStep
/// computes them and the next discriminator step zeroes them unused).</param>
sealed record LoopOptions(bool Bf16 = false, int PhiEvery = 1, int PhiSize = 0, bool FreezeDiscriminatorsInG = false)
{
    public static readonly LoopOptions Default = new();
}
