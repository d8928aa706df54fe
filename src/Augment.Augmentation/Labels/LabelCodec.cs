using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Augmentation.Labels;

/// <summary>
/// Translates between a label column's values and the generator's class indices, both ways: real labels are
/// read to plan targets (and to refuse labels the generator does not know), synthetic labels are written in
/// the column's own type so a synthetic row's label is indistinguishable from a real one.
/// Supported: key (UInt32, as MapValueToKey makes it) with text, integer or no key values; text; Int32, Int64
/// and Single class indices (into the generator's class list).
/// </summary>
internal abstract class LabelCodec
{
    protected LabelCodec(string column, ClassMatcher classes)
    {
        Column = column;
        Classes = classes;
    }

    public string Column { get; }
    protected ClassMatcher Classes { get; }

    /// <summary>Generator classes a synthetic row's label can hold.</summary>
    public abstract IReadOnlyList<int> RepresentableClasses { get; }

    /// <summary>One pass over the label column: generator class per row (-1 for a missing label).</summary>
    public abstract int[] ReadClasses(IDataView input);

    /// <summary>A getter of the column's type that writes the class <paramref name="currentClass"/> returns.</summary>
    public abstract Delegate SyntheticGetter(Func<int> currentClass);

    /// <summary>Picks the codec for the column's type; throws a message naming the column when it cannot hold the generator's classes.</summary>
    public static LabelCodec Create(DataViewSchema.Column column, IReadOnlyList<string> generatorClasses)
    {
        var classes = new ClassMatcher(generatorClasses);
        return column.Type switch
        {
            KeyDataViewType { RawType: var t } when t == typeof(uint) => KeyLabelCodec.Create(column, classes),
            KeyDataViewType key => throw SchemaErrors.Mismatch(
                $"label column '{column.Name}' is a key of {key.RawType.Name}; the ExprGAN augmenter takes UInt32 keys (what MapValueToKey makes)."),
            TextDataViewType => new TextLabelCodec(column.Name, classes),
            NumberDataViewType n when n.RawType == typeof(int) => new IndexLabelCodec<int>(column.Name, classes, v => v, k => k),
            NumberDataViewType n when n.RawType == typeof(long) => new IndexLabelCodec<long>(column.Name, classes, v => v, k => k),
            NumberDataViewType n when n.RawType == typeof(float) => new IndexLabelCodec<float>(column.Name, classes, v => v, k => k),
            _ => throw SchemaErrors.Mismatch(
                $"label column '{column.Name}' has type {column.Type}; the ExprGAN augmenter takes a key (MapValueToKey), text, or an Int32/Int64/Single class index."),
        };
    }
}

/// <summary>Shared reading and writing for one raw label type.</summary>
internal abstract class LabelCodec<T>(string column, ClassMatcher classes) : LabelCodec(column, classes)
{
    /// <summary>Generator class of a value, -1 when missing; throws for a value the generator does not know.</summary>
    protected abstract int ToClass(in T value, long row);

    protected abstract T FromClass(int cls);

    public override int[] ReadClasses(IDataView input)
    {
        var col = input.Schema.GetColumnOrNull(Column) ?? throw SchemaErrors.Missing("label", Column, input.Schema);
        using var cursor = input.GetRowCursor([col]);
        var getter = cursor.GetGetter<T>(col);
        var result = new List<int>();
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            result.Add(ToClass(value, cursor.Position));
        }
        return result.ToArray();
    }

    public override Delegate SyntheticGetter(Func<int> currentClass) => (ValueGetter<T>)((ref T value) => value = FromClass(currentClass()));
}

/// <summary>Class index labels: the value is the index into the generator's class list.</summary>
internal sealed class IndexLabelCodec<T>(string column, ClassMatcher classes, Func<T, double> toNumber, Func<int, T> fromIndex)
    : LabelCodec<T>(column, classes)
{
    public override IReadOnlyList<int> RepresentableClasses { get; } = Enumerable.Range(0, classes.Classes.Count).ToArray();

    protected override int ToClass(in T value, long row)
    {
        var v = toNumber(value);
        if (double.IsNaN(v)) return -1;
        if (v != Math.Floor(v) || v < 0 || v >= Classes.Classes.Count)
            throw SchemaErrors.UnknownLabel(Column, row, v.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"an integer class index 0..{Classes.Classes.Count - 1} into the generator's classes ({Classes.Listing})");
        return (int)v;
    }

    protected override T FromClass(int cls) => fromIndex(cls);
}

/// <summary>Text labels, matched to generator classes through Expressions.Canonical; synthetic rows reuse the data's spelling.</summary>
internal sealed class TextLabelCodec(string column, ClassMatcher classes) : LabelCodec<ReadOnlyMemory<char>>(column, classes)
{
    readonly string?[] _spelling = new string?[classes.Classes.Count];

    public override IReadOnlyList<int> RepresentableClasses { get; } = Enumerable.Range(0, classes.Classes.Count).ToArray();

    protected override int ToClass(in ReadOnlyMemory<char> value, long row)
    {
        var text = value.ToString();
        if (string.IsNullOrWhiteSpace(text)) return -1;
        var cls = Classes.IndexOf(text);
        if (cls < 0) throw SchemaErrors.UnknownLabel(Column, row, $"'{text}'", $"one of the generator's classes ({Classes.Listing})");
        _spelling[cls] ??= text;
        return cls;
    }

    protected override ReadOnlyMemory<char> FromClass(int cls) => (_spelling[cls] ?? Classes.Classes[cls]).AsMemory();
}
