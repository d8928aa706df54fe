using Microsoft.ML;

namespace Augment.Augmentation;

/// <summary>The augmenter's refusals, worded like ML.NET's own schema errors and naming what is wrong.</summary>
internal static class SchemaErrors
{
    const string Prefix = "ExprGAN augmenter: ";

    public static ArgumentOutOfRangeException Mismatch(string problem) => new("inputSchema", Prefix + problem);

    public static ArgumentOutOfRangeException Missing(string role, string name, DataViewSchema schema) =>
        Mismatch($"the input has no {role} column '{name}' (columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}).");

    public static ArgumentOutOfRangeException Missing(string role, string name, SchemaShape shape) =>
        Mismatch($"the input has no {role} column '{name}' (columns: {string.Join(", ", shape.Select(c => c.Name))}).");

    public static InvalidOperationException UnknownLabel(string column, long row, string value, string expected) =>
        new($"{Prefix}row {row} of label column '{column}' holds {value}, which is not {expected}.");
}
