namespace Augment.Augmentation;

/// <summary>Columns the augmenter adds after the input's (the first and last names are options of
/// <see cref="ExprGanAugmentOptions"/>; these are their defaults).</summary>
public static class AugmentedColumns
{
    /// <summary>Boolean: false for the input's rows, true for generated ones (<see cref="ExprGanAugmentOptions.SyntheticColumn"/>).</summary>
    public const string IsSynthetic = "IsSynthetic";
    /// <summary>Single: the expression intensity a synthetic row was rendered at; NaN (missing) on real rows.</summary>
    public const string Intensity = "Intensity";
    /// <summary>Int64: the input row a synthetic row was edited from; a real row's own index.</summary>
    public const string SourceRow = "SourceRow";
    /// <summary>Single: the example weight, 1 on real rows and <see cref="ExprGanAugmentOptions.SyntheticWeight"/> on
    /// synthetic ones (<see cref="ExprGanAugmentOptions.WeightColumn"/>); a trainer's ExampleWeightColumnName.</summary>
    public const string Weight = "Weight";
}
