using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Augmentation.Labels;

/// <summary>
/// UInt32 key labels. With text key values (MapValueToKey over names) each key name must name a generator
/// class (through Expressions.Canonical); with integer key values (MapValueToKey over class indices) each value
/// must be a generator class index; without key values the key count must equal the generator's class count
/// and key k is class k - 1. Key 0 (missing) is allowed on real rows and never written.
/// </summary>
internal sealed class KeyLabelCodec : LabelCodec<uint>
{
    readonly int[] _keyToClass;     // key - 1 -> generator class
    readonly uint[] _classToKey;    // generator class -> key, 0 when the key space cannot hold it

    KeyLabelCodec(string column, ClassMatcher classes, int[] keyToClass) : base(column, classes)
    {
        _keyToClass = keyToClass;
        _classToKey = new uint[classes.Classes.Count];
        for (int k = keyToClass.Length - 1; k >= 0; k--) _classToKey[keyToClass[k]] = (uint)(k + 1);
        RepresentableClasses = Enumerable.Range(0, _classToKey.Length).Where(c => _classToKey[c] != 0).ToArray();
    }

    public override IReadOnlyList<int> RepresentableClasses { get; }

    public static KeyLabelCodec Create(DataViewSchema.Column column, ClassMatcher classes)
    {
        var key = (KeyDataViewType)column.Type;
        var valuesType = column.Annotations.Schema.GetColumnOrNull("KeyValues")?.Type as VectorDataViewType;
        int[] map = valuesType?.ItemType switch
        {
            null => Positional(column.Name, key.Count, classes),
            TextDataViewType => FromNames(column, classes),
            NumberDataViewType n when n.RawType == typeof(int) => FromIndices<int>(column, classes, v => v),
            NumberDataViewType n when n.RawType == typeof(long) => FromIndices<long>(column, classes, v => v),
            NumberDataViewType n when n.RawType == typeof(uint) => FromIndices<uint>(column, classes, v => v),
            NumberDataViewType n when n.RawType == typeof(float) => FromIndices<float>(column, classes, v => v),
            var other => throw SchemaErrors.Mismatch(
                $"label key column '{column.Name}' has key values of type {other}; the ExprGAN augmenter reads text names or integer class indices."),
        };
        return new KeyLabelCodec(column.Name, classes, map);
    }

    protected override int ToClass(in uint value, long row)
    {
        if (value == 0) return -1;
        if (value > _keyToClass.Length)
            throw SchemaErrors.UnknownLabel(Column, row, $"key {value}", $"a key 1..{_keyToClass.Length}");
        return _keyToClass[value - 1];
    }

    protected override uint FromClass(int cls) => _classToKey[cls];

    static int[] Positional(string name, ulong count, ClassMatcher classes)
    {
        if (count != (ulong)classes.Classes.Count)
            throw SchemaErrors.Mismatch(
                $"label key column '{name}' has {count} keys and no key values, but the generator has {classes.Classes.Count} classes ({classes.Listing}); " +
                "map text labels with MapValueToKey so each key carries its class name.");
        return Enumerable.Range(0, (int)count).ToArray();
    }

    static int[] FromNames(DataViewSchema.Column column, ClassMatcher classes)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetKeyValues(ref names);
        var texts = names.DenseValues().Select(n => n.ToString()).ToArray();
        var map = texts.Select(classes.IndexOf).ToArray();
        var unknown = texts.Where((_, k) => map[k] < 0).ToArray();
        if (unknown.Length > 0)
            throw SchemaErrors.Mismatch(
                $"label key column '{column.Name}' holds classes the generator does not know: {string.Join(", ", unknown.Select(u => $"'{u}'"))} " +
                $"(generator classes: {classes.Listing}); filter those rows out before the augmenter or use a generator trained on them.");
        return map;
    }

    static int[] FromIndices<T>(DataViewSchema.Column column, ClassMatcher classes, Func<T, double> toNumber)
    {
        VBuffer<T> values = default;
        column.GetKeyValues(ref values);
        var numbers = values.DenseValues().Select(toNumber).ToArray();
        var bad = numbers.Where(v => v != Math.Floor(v) || v < 0 || v >= classes.Classes.Count).ToArray();
        if (bad.Length > 0)
            throw SchemaErrors.Mismatch(
                $"label key column '{column.Name}' has key values {string.Join(", ", bad)} that are not class indices 0..{classes.Classes.Count - 1} " +
                $"of the generator ({classes.Listing}).");
        return numbers.Select(v => (int)v).ToArray();
    }
}
