using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Classifier;

/// <summary>Which columns a scoring cursor serves and which input columns it therefore reads.</summary>
internal sealed record ScoringPlan(ExpressionCnnTransformer Transformer, DataViewSchema Output, DataViewSchema.Column Feature,
    bool[] Active, DataViewSchema.Column[] InputColumns)
{
    public int InputCount => Output.Count - 2;
    public int PredictedLabelIndex => InputCount;
    public int ScoreIndex => InputCount + 1;

    public static ScoringPlan Make(ExpressionCnnTransformer transformer, DataViewSchema input, DataViewSchema output,
        IEnumerable<DataViewSchema.Column> needed)
    {
        var active = new bool[output.Count];
        foreach (var c in needed) active[c.Index] = true;
        var feature = input[transformer.FeatureColumnName];
        var inputs = input.Where(c => active[c.Index]).ToList();
        if ((active[^1] || active[^2]) && !inputs.Contains(feature)) inputs.Add(feature);
        return new ScoringPlan(transformer, output, feature, active, inputs.ToArray());
    }
}

/// <summary>Scores only when PredictedLabel or Score is read: in batches read ahead by a second cursor, or one row at a
/// time for shuffled cursors.</summary>
internal sealed class ScoredDataView(ExpressionCnnTransformer transformer, IDataView input, DataViewSchema schema) : IDataView
{
    public bool CanShuffle => input.CanShuffle;
    public DataViewSchema Schema => schema;
    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var plan = ScoringPlan.Make(transformer, input.Schema, schema, columnsNeeded);
        // Unshuffled cursors see rows in a fixed order, so a second cursor can read ahead and score in batches.
        var scoring = plan.Active[plan.PredictedLabelIndex] || plan.Active[plan.ScoreIndex];
        var lookahead = scoring && rand == null ? new BatchScorer(transformer, input.GetRowCursor([plan.Feature]), plan.Feature) : null;
        return new ScoringCursor(plan, input.GetRowCursor(plan.InputColumns, rand), lookahead);
    }

    /// <summary>One cursor: the network is serialised per transformer anyway, so splitting would gain nothing.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}

/// <summary>The row-to-row form, for prediction engines.</summary>
internal sealed class ScoringMapper(ExpressionCnnTransformer transformer, DataViewSchema inputSchema, DataViewSchema outputSchema) : IRowToRowMapper
{
    public DataViewSchema InputSchema => inputSchema;
    public DataViewSchema OutputSchema => outputSchema;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        ScoringPlan.Make(transformer, inputSchema, outputSchema, dependingColumns).InputColumns;

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new ScoringCursor(ScoringPlan.Make(transformer, inputSchema, outputSchema, activeColumns), input);
}

/// <summary>Passes input columns through and appends PredictedLabel and Score; moves only when wrapping a cursor.</summary>
internal sealed class ScoringCursor : DataViewRowCursor
{
    readonly ScoringPlan _plan;
    readonly DataViewRow _input;
    readonly ValueGetter<VBuffer<float>>? _pixels;
    VBuffer<float> _pixelBuffer;
    float[] _probabilities = [];
    long _scoredPosition = -1;

    readonly BatchScorer? _batches;
    long _rows = -1;

    public ScoringCursor(ScoringPlan plan, DataViewRow input, BatchScorer? batches = null)
    {
        _plan = plan;
        _input = input;
        _batches = batches;
        if (input.IsColumnActive(plan.Feature)) _pixels = input.GetGetter<VBuffer<float>>(plan.Feature);
    }

    public override DataViewSchema Schema => _plan.Output;
    public override long Position => _input.Position;
    public override long Batch => _input.Batch;
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();
    public override bool IsColumnActive(DataViewSchema.Column column) => _plan.Active[column.Index];

    public override bool MoveNext()
    {
        if (_input is not DataViewRowCursor cursor) throw new NotSupportedException("This row maps a single input row; it has no cursor to move.");
        if (!cursor.MoveNext()) return false;
        _rows++;
        return true;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_plan.Active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
        if (column.Index < _plan.InputCount) return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        if (column.Index == _plan.PredictedLabelIndex && typeof(TValue) == typeof(uint))
        {
            ValueGetter<uint> label = (ref uint value) => value = (uint)ArgMax(Score()) + 1;
            return (ValueGetter<TValue>)(Delegate)label;
        }
        if (column.Index == _plan.ScoreIndex && typeof(TValue) == typeof(VBuffer<float>))
        {
            ValueGetter<VBuffer<float>> score = (ref VBuffer<float> value) =>
            {
                var p = Score();
                var editor = VBufferEditor.Create(ref value, p.Length);
                p.CopyTo(editor.Values);
                value = editor.Commit();
            };
            return (ValueGetter<TValue>)(Delegate)score;
        }
        throw new InvalidOperationException($"Column '{column.Name}' is of type {column.Type}, not {typeof(TValue)}.");
    }

    float[] Score()
    {
        // Cache per cursor position; a mapped single row (prediction engine) may keep its position, so it is rescored.
        if (_input is DataViewRowCursor && _scoredPosition == _input.Position) return _probabilities;
        if (_batches != null)
        {
            _probabilities = _batches.Probabilities(_rows);
            _scoredPosition = _input.Position;
            return _probabilities;
        }
        if (_pixels == null) throw new InvalidOperationException($"Column '{_plan.Feature.Name}' is not active, so the row cannot be scored.");
        _pixels(ref _pixelBuffer);
        _probabilities = _pixelBuffer.IsDense
            ? _plan.Transformer.PredictProbabilities(_pixelBuffer.GetValues())
            : _plan.Transformer.PredictProbabilities(_pixelBuffer.DenseValues().ToArray());
        _scoredPosition = _input.Position;
        return _probabilities;
    }

    static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _input is DataViewRowCursor) _input.Dispose();
        if (disposing) _batches?.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Reads the image column ahead of the main cursor and scores 64 rows per forward pass.</summary>
internal sealed class BatchScorer(ExpressionCnnTransformer transformer, DataViewRowCursor cursor, DataViewSchema.Column feature) : IDisposable
{
    const int BatchSize = 64;
    readonly ValueGetter<VBuffer<float>> _pixels = cursor.GetGetter<VBuffer<float>>(feature);
    float[][] _batch = [];
    long _first;

    /// <summary>Probabilities of the row-th row (0-based) of the cursor; rows are asked for in increasing order.</summary>
    public float[] Probabilities(long row)
    {
        while (row >= _first + _batch.Length)
        {
            _first += _batch.Length;
            var images = new List<float[]>(BatchSize);
            VBuffer<float> buffer = default;
            while (images.Count < BatchSize && cursor.MoveNext())
            {
                _pixels(ref buffer);
                images.Add(buffer.DenseValues().ToArray());
            }
            if (images.Count == 0) throw new InvalidOperationException("The scoring read-ahead ran out of rows: the input view changed between cursors.");
            _batch = transformer.PredictProbabilities(images);
        }
        if (row < _first) throw new InvalidOperationException($"Row {row} was asked for after row {_first}: rows must be scored in order.");
        return _batch[row - _first];
    }

    public void Dispose() => cursor.Dispose();
}
