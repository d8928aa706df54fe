namespace Augment.ExprGan.Training;

/// <summary>
/// The arithmetic of the ExprGAN training step on the CPU (<see cref="ExprGanTrainingOptions.Precision"/>).
/// </summary>
public enum TrainingPrecision
{
    /// <summary>float32 throughout.</summary>
    Float32,

    /// <summary>
    /// bfloat16 autocast (<see cref="Augment.Torch.CpuAutocast"/>): convolutions and matrix products in bfloat16, weights,
    /// optimiser state and losses in float32, as torch.autocast("cpu"). About 1.5x faster on CPUs with AVX512-BF16; it
    /// changes the arithmetic, so runs differ from float32 ones. CUDA devices train in float32 whatever this says.
    /// </summary>
    BFloat16,
}
