using Microsoft.ML;
using Microsoft.ML.Data;
using VectorKind = Microsoft.ML.SchemaShape.Column.VectorKind;

namespace Augment.Classifier;

/// <summary>Input-column checks shared by the trainer and the transformer; every message names the column.</summary>
internal static class ColumnChecks
{
    public const string KeyValues = "KeyValues", SlotNames = "SlotNames";
    public const string PredictedLabel = "PredictedLabel", Score = "Score";

    public static void CheckImage(SchemaShape schema, string name, int size)
    {
        var column = Find(schema, name, $"the image column (a vector of {size} Single)");
        if (column.Kind != VectorKind.Vector || column.ItemType != NumberDataViewType.Single || column.IsKey)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' must be a fixed-size vector of Single (C*H*W = {size}), but it is {Describe(column)}.");
    }

    public static void CheckImage(DataViewSchema schema, string name, int size)
    {
        var column = schema.GetColumnOrNull(name) ?? throw MissingColumn(name, $"the image column (a vector of {size} Single)");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType n } v || n != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' must be a vector of Single, but it is {column.Type}.");
        if (v.Size != size)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' must hold {size} values per row (C*H*W), but its vector size is {(v.Size == 0 ? "variable" : v.Size.ToString())}.");
    }

    public static SchemaShape.Column CheckLabel(SchemaShape schema, string name)
    {
        var column = Find(schema, name, "the label column (a UInt32 key)");
        if (column.Kind != VectorKind.Scalar || !column.IsKey || column.ItemType != NumberDataViewType.UInt32)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' must be a UInt32 key (e.g. from MapValueToKey), but it is {Describe(column)}.");
        return column;
    }

    public static KeyDataViewType CheckLabel(DataViewSchema schema, string name)
    {
        var column = schema.GetColumnOrNull(name) ?? throw MissingColumn(name, "the label column (a UInt32 key)");
        if (column.Type is not KeyDataViewType key || key.RawType != typeof(uint) || key.Count < 2)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' must be a UInt32 key of at least 2 values (e.g. from MapValueToKey), but it is {column.Type}.");
        return key;
    }

    public static void CheckText(SchemaShape schema, string name, string role)
    {
        var column = Find(schema, name, role);
        if (column.Kind != VectorKind.Scalar || column.ItemType is not TextDataViewType)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' ({role}) must be a scalar Text column, but it is {Describe(column)}.");
    }

    public static void CheckText(DataViewSchema schema, string name, string role)
    {
        var column = schema.GetColumnOrNull(name) ?? throw MissingColumn(name, role);
        if (column.Type is not TextDataViewType)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' ({role}) must be a scalar Text column, but it is {column.Type}.");
    }

    /// <summary>A scalar column of <paramref name="type"/> (Single for weights, Boolean for the synthetic marker).</summary>
    public static void CheckScalar(SchemaShape schema, string name, string role, DataViewType type)
    {
        var column = Find(schema, name, role);
        if (column.Kind != VectorKind.Scalar || column.ItemType != type || column.IsKey)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' ({role}) must be a scalar {type}, but it is {Describe(column)}.");
    }

    public static void CheckScalar(DataViewSchema schema, string name, string role, DataViewType type)
    {
        var column = schema.GetColumnOrNull(name) ?? throw MissingColumn(name, role);
        if (column.Type != type)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Column '{name}' ({role}) must be a scalar {type}, but it is {column.Type}.");
    }

    public const string WeightRole = "the example weight column", SyntheticRole = "the synthetic-row marker";

    /// <summary>Class names from the label's KeyValues annotation (text), else the key indices 0..K-1.</summary>
    public static string[] ClassNames(DataViewSchema.Column label, int count)
    {
        if (label.Annotations.Schema.GetColumnOrNull(KeyValues) is { Type: VectorDataViewType { ItemType: TextDataViewType } })
        {
            var values = default(VBuffer<ReadOnlyMemory<char>>);
            label.GetKeyValues(ref values);
            var names = values.DenseValues().Select(v => v.ToString()).ToArray();
            if (names.Length == count) return names;
        }
        return Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    static SchemaShape.Column Find(SchemaShape schema, string name, string role) =>
        schema.LastOrDefault(c => c.Name == name) is { Name: not null } column ? column : throw MissingColumn(name, role);

    static ArgumentOutOfRangeException MissingColumn(string name, string role) =>
        new("inputSchema", $"Input column '{name}' ({role}) was not found.");

    static string Describe(SchemaShape.Column c) =>
        $"{c.Kind} of {(c.IsKey ? "key " : "")}{c.ItemType}";
}
