namespace Augment.Classifier;

/// <summary>
/// Which training rows each step sees. Pooled (no share cap, the paper's way): one stream over every training row,
/// so a batch's synthetic share follows the data's. Capped: a real stream and a synthetic stream, each batch taking
/// round(s x batch) rows from the synthetic one, with s = min(cap, the data's synthetic share). Streams reshuffle
/// whenever they run out, so an epoch may be longer or shorter than the data (<see cref="ExpressionCnnOptions.SamplesPerEpoch"/>).
/// </summary>
/// <remarks>
/// The real stream (and the pooled stream of data without synthetic rows) draws from the same seeded generator, so a
/// cap of 0 sees exactly the batches of the same data without its synthetic rows: the synthetic stream is separate and
/// never drawn from.
/// </remarks>
internal sealed class BatchSampler
{
    readonly RowStream _real;
    readonly RowStream? _synthetic;
    readonly int _batchSize;

    /// <param name="real">Real training rows (indices into the training set), in a fixed order.</param>
    /// <param name="synthetic">Synthetic training rows.</param>
    /// <param name="share">The cap on the synthetic share of a batch; null pools real and synthetic rows.</param>
    /// <param name="samplesPerEpoch">Rows per epoch; null: one pass over the pooled rows, or with a cap one pass over the
    /// real rows plus the synthetic rows that go with them.</param>
    public BatchSampler(int[] real, int[] synthetic, double? share, int batchSize, int? samplesPerEpoch, int seed)
    {
        if (share is { } cap)
        {
            if (real.Length == 0) throw new ArgumentException("SyntheticShare caps the synthetic rows of each batch, but the training data has no real rows (give no cap to train on synthetic rows alone).");
            var s = synthetic.Length == 0 ? 0 : Math.Min(cap, (double)synthetic.Length / (real.Length + synthetic.Length));
            Share = s;
            _real = new RowStream(real, new Random(seed));
            if (s > 0) _synthetic = new RowStream(synthetic, new Random(Core.Seeding.Derive(seed, "synthetic")));
            RowsPerEpoch = samplesPerEpoch ?? (int)Math.Round(real.Length / (1 - s));
        }
        else
        {
            _real = new RowStream([.. real, .. synthetic], new Random(seed));
            RowsPerEpoch = samplesPerEpoch ?? real.Length + synthetic.Length;
            Share = null;
        }
        if (RowsPerEpoch < 2) throw new ArgumentException($"Only {RowsPerEpoch} training rows per epoch; need at least 2.");
        _batchSize = batchSize;
    }

    /// <summary>The synthetic share of each capped batch (null when pooled).</summary>
    public double? Share { get; }
    public int RowsPerEpoch { get; }

    /// <summary>Full batches, then the remainder if it holds at least 2 rows (batch norm cannot train on one).</summary>
    public int BatchesPerEpoch => RowsPerEpoch / _batchSize + (RowsPerEpoch % _batchSize >= 2 ? 1 : 0);

    /// <summary>The next epoch's batches; each is its real rows, then its synthetic rows.</summary>
    public IEnumerable<int[]> Epoch()
    {
        for (var start = 0; start + 2 <= RowsPerEpoch; start += _batchSize)
        {
            var size = Math.Min(_batchSize, RowsPerEpoch - start);
            var synthetic = _synthetic == null ? 0 : (int)Math.Round(Share!.Value * size, MidpointRounding.AwayFromZero);
            var batch = new int[size];
            _real.Take(batch.AsSpan(0, size - synthetic));
            _synthetic?.Take(batch.AsSpan(size - synthetic));
            yield return batch;
        }
    }

    /// <summary>Rows in a seeded random order, reshuffled each time the list is used up.</summary>
    sealed class RowStream(int[] rows, Random rng)
    {
        readonly int[] _order = (int[])rows.Clone();
        int _next = rows.Length;

        public void Take(Span<int> into)
        {
            for (var i = 0; i < into.Length; i++)
            {
                if (_next == _order.Length)
                {
                    rng.Shuffle(_order);
                    _next = 0;
                }
                into[i] = _order[_next++];
            }
        }
    }
}
