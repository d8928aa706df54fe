using Microsoft.ML;

namespace Augment.Augmentation.Generation;

/// <summary>
/// Copies the input's other columns into synthetic rows: a forward cursor over the input, moved to the
/// source row of each synthetic row. Sources ascend within each pass of the plan, so the cursor restarts
/// once per pass and never holds more than one row.
/// </summary>
internal sealed class SourceRowReader(IDataView input, DataViewSchema.Column[] columns) : IDisposable
{
    DataViewRowCursor? _cursor;

    public void MoveTo(long row)
    {
        if (_cursor == null || row < _cursor.Position)
        {
            _cursor?.Dispose();
            _cursor = input.GetRowCursor(columns);
        }
        while (_cursor.Position < row)
            if (!_cursor.MoveNext()) throw RealImageCache.ChangedInput(row + 1, _cursor.Position + 1);
    }

    /// <summary>A getter that always reads from the current cursor (the cursor is replaced at each pass).</summary>
    public ValueGetter<T> Getter<T>(DataViewSchema.Column column)
    {
        DataViewRowCursor? owner = null;
        ValueGetter<T>? getter = null;
        return (ref T value) =>
        {
            var cursor = _cursor ?? throw new InvalidOperationException("No synthetic row is current.");
            if (!ReferenceEquals(owner, cursor))
            {
                getter = cursor.GetGetter<T>(column);
                owner = cursor;
            }
            getter!(ref value);
        };
    }

    public void Dispose() => _cursor?.Dispose();
}
