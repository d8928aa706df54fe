using Augment.Augmentation.Generation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Augmentation;

/// <summary>
/// Walks the input's rows, then the synthetic rows of the plan. Synthetic images are rendered a batch at a
/// time (batch b = synthetic rows [b*B, (b+1)*B), fixed boundaries) and only when the image getter is called;
/// the label is written in the column's type, other columns are read from the source row.
/// </summary>
internal sealed class AugmentedCursor : DataViewRowCursor
{
    const ulong SyntheticIdHigh = 0x5359_4E54_4845_5449;   // "SYNTHETI": keeps synthetic ids apart from the input's

    readonly AugmentedDataView _view;
    readonly bool[] _active;
    readonly DataViewRowCursor _real;
    readonly SourceRowReader? _sources;
    readonly int _synthetics, _batchSize, _imageSize;
    SyntheticPlan? _plan;
    long _position = -1, _realCount = -1;
    int _synthetic = -1, _batch = -1;
    bool _done;
    float[]? _batchSources, _batchOutput;

    public AugmentedCursor(AugmentedDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        _view = view;
        _synthetics = view.Options.SyntheticCount;
        _batchSize = view.Options.BatchSize;
        _imageSize = view.Binding.Pixels.Size;
        _active = new bool[view.Schema.Count];
        foreach (var c in columnsNeeded) _active[c.Index] = true;
        var input = view.Input.Schema;
        var inputActive = Enumerable.Range(0, view.Binding.InputCount).Where(i => _active[i]).Select(i => input[i]).ToArray();
        _real = view.Input.GetRowCursor(inputActive);
        var others = inputActive.Where(c => c.Index != view.Binding.ImageIndex && c.Index != view.Binding.LabelIndex).ToArray();
        if (others.Length > 0 && _synthetics > 0) _sources = new SourceRowReader(view.Input, others);
    }

    public override DataViewSchema Schema => _view.Schema;
    public override long Position => _done ? -1 : _position;
    public override long Batch => 0;
    bool InSynthetic => _synthetic >= 0;

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

    public override bool MoveNext()
    {
        if (_done) return false;
        if (!InSynthetic)
        {
            if (_real.MoveNext()) { _position++; return true; }
            _realCount = _position + 1;
            if (_synthetics == 0) return Finish();
            _plan = _view.Plan;
            if (_plan.RealCount != _realCount) throw RealImageCache.ChangedInput(_plan.RealCount, _realCount);
        }
        if (_synthetic + 1 >= _synthetics) return Finish();
        _synthetic++;
        _position++;
        _sources?.MoveTo(_plan!.Sources[_synthetic]);
        return true;
    }

    bool Finish()
    {
        _done = true;
        return false;
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' was not asked for when this cursor was made.");
        if (column.Type.RawType != typeof(TValue))
            throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");
        var binding = _view.Binding;
        if (column.Index >= binding.InputCount) return (ValueGetter<TValue>)AddedColumnGetter((AugmenterBinding.Added)(column.Index - binding.InputCount));
        var real = _real.GetGetter<TValue>(_view.Input.Schema[column.Index]);
        ValueGetter<TValue> synthetic;
        if (column.Index == binding.ImageIndex)
            synthetic = binding.ImageIsByte ? (ValueGetter<TValue>)(Delegate)(ValueGetter<VBuffer<byte>>)SyntheticImage
                                            : (ValueGetter<TValue>)(Delegate)(ValueGetter<VBuffer<float>>)SyntheticImage;
        else if (column.Index == binding.LabelIndex)
            synthetic = (ValueGetter<TValue>)_view.Labels.SyntheticGetter(() => _plan!.Targets[_synthetic]);
        else
            synthetic = _sources!.Getter<TValue>(_view.Input.Schema[column.Index]);
        return (ref TValue value) =>
        {
            if (InSynthetic) synthetic(ref value);
            else real(ref value);
        };
    }

    Delegate AddedColumnGetter(AugmenterBinding.Added column)
    {
        var syntheticWeight = _view.Options.SyntheticWeight;
        return column switch
        {
            AugmenterBinding.Added.IsSynthetic => (ValueGetter<bool>)((ref bool v) => v = InSynthetic),
            AugmenterBinding.Added.Intensity => (ValueGetter<float>)((ref float v) => v = InSynthetic ? _plan!.Intensities[_synthetic] : float.NaN),
            AugmenterBinding.Added.SourceRow => (ValueGetter<long>)((ref long v) => v = InSynthetic ? _plan!.Sources[_synthetic] : _position),
            AugmenterBinding.Added.Weight => (ValueGetter<float>)((ref float v) => v = InSynthetic ? syntheticWeight : 1f),
            _ => throw new InvalidOperationException($"Unknown added column {column}."),
        };
    }

    public override ValueGetter<DataViewRowId> GetIdGetter()
    {
        var real = _real.GetIdGetter();
        return (ref DataViewRowId id) =>
        {
            if (InSynthetic) id = new DataViewRowId((ulong)_synthetic, SyntheticIdHigh);
            else real(ref id);
        };
    }

    void SyntheticImage(ref VBuffer<float> value)
    {
        var editor = VBufferEditor.Create(ref value, _imageSize);
        _view.Binding.Pixels.FromGenerator(CurrentImage(), editor.Values);
        value = editor.Commit();
    }

    void SyntheticImage(ref VBuffer<byte> value)
    {
        var editor = VBufferEditor.Create(ref value, _imageSize);
        _view.Binding.Pixels.FromGenerator(CurrentImage(), editor.Values);
        value = editor.Commit();
    }

    /// <summary>The current synthetic image (generator layout), rendering its batch on first need.</summary>
    ReadOnlySpan<float> CurrentImage()
    {
        var plan = _plan!;
        int batch = _synthetic / _batchSize, start = batch * _batchSize;
        if (batch != _batch)
        {
            int count = Math.Min(_batchSize, _synthetics - start);
            _batchSources ??= new float[_batchSize * _imageSize];
            _batchOutput ??= new float[_batchSize * _imageSize];
            var real = _view.RealImages;
            for (int j = 0; j < count; j++)
                real.AsSpan(plan.Sources[start + j] * _imageSize, _imageSize).CopyTo(_batchSources.AsSpan(j * _imageSize));
            _batch = -1;   // a failed render must not leave a stale batch marked current
            _view.Renderer.Render(_batchSources.AsSpan(0, count * _imageSize), plan.Targets.AsSpan(start, count),
                plan.Intensities.AsSpan(start, count), _batchOutput);
            _batch = batch;
        }
        return _batchOutput.AsSpan((_synthetic - start) * _imageSize, _imageSize);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _real.Dispose();
            _sources?.Dispose();
        }
        base.Dispose(disposing);
    }
}
