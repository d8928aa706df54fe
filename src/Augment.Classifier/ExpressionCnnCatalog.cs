using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Augment.Classifier;

public static class ExpressionCnnCatalog
{
    /// <summary>A CNN expression classifier trained with TorchSharp on an image vector column (see <see cref="ExpressionCnnOptions"/>).</summary>
    public static ExpressionCnnTrainer ExpressionCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        ExpressionCnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ExpressionCnnTrainer(options);
    }

    /// <summary>
    /// Lets <c>mlContext.Model.Load</c> read models holding an <see cref="ExpressionCnnTransformer"/>; call once per MLContext
    /// before loading (the counterpart of ComponentCatalog.RegisterAssembly for CustomMapping). Calling it again is harmless.
    /// </summary>
    public static void RegisterExpressionCnn(this ComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ExpressionCnnTransformer.RegisterLoader(catalog);
    }
}
