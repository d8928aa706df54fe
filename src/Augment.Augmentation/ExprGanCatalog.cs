using Microsoft.ML;

namespace Augment.Augmentation;

public static class ExprGanCatalog
{
    /// <summary>
    /// Appends N synthetic rows made by an ExprGAN generator (real images re-rendered in target expressions).
    /// Use it for training only: <c>pipeline.Append(mlContext.Transforms.AugmentWithExprGan(options), TransformerScope.Training)</c>.
    /// </summary>
    public static ExprGanAugmentingEstimator AugmentWithExprGan(this TransformsCatalog catalog, ExprGanAugmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ExprGanAugmentingEstimator(options);
    }
}
