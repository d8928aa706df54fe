namespace Augment.Augmentation;

/// <summary>Columns the augmenter adds after the input's.</summary>
public static class AugmentedColumns
{
    /// <summary>Boolean: false for the input's rows, true for generated ones.</summary>
    public const string IsSynthetic = "IsSynthetic";
    /// <summary>Single: the expression intensity a synthetic row was rendered at; NaN (missing) on real rows.</summary>
    public const string Intensity = "Intensity";
    /// <summary>Int64: the input row a synthetic row was edited from; a real row's own index.</summary>
    public const string SourceRow = "SourceRow";
}
