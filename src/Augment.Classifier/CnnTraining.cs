using System.Diagnostics;
using Augment.Core;
using Augment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Classifier;

/// <summary>Images (N x C x H x W, already in the network's scale), 0-based labels and optional subjects, example
/// weights and synthetic marks (one per row).</summary>
internal sealed record TrainingSet(Tensor Images, int[] Labels, string?[]? Subjects, int ClassCount,
    float[]? Weights = null, bool[]? Synthetic = null);

internal sealed record TrainingOutcome(ExpressionCnn Model, IReadOnlyList<EpochRecord> History, int BestEpoch, CnnTrainingSummary Summary);

/// <summary>
/// Mini-batch training with AdamW and a cosine learning-rate schedule; with a validation split it keeps the
/// weights of the epoch with the best validation accuracy (ties: lower validation loss).
/// </summary>
internal static class CnnTraining
{
    public static TrainingOutcome Train(TrainingSet data, ExpressionCnnOptions o, Device device)
    {
        // The default CNNs' channel counts are ones oneDNN gets right even where the process switched it off for its
        // defect, so they keep it; the rows are in memory already, so nothing else runs a convolution meanwhile.
        using var oneDnn = ConvolutionGuard.AlignedScope(o.Architecture.ConvolutionsAligned(o.Channels));
        var (real, synthetic, valRows) = Partition(data, o);
        var sampler = new BatchSampler(real, synthetic, o.SyntheticShare, o.BatchSize, o.SamplesPerEpoch, Seeding.Derive(o.Seed, "batches"));
        var isSynthetic = data.Synthetic ?? new bool[data.Labels.Length];

        torch.random.manual_seed(Seeding.Derive(o.Seed, "cnn-init"));   // initial weights and dropout masks
        var model = new ExpressionCnn(o.Architecture, o.Channels, o.Height, o.Width, data.ClassCount);
        model.to(device);
        using var optimizer = optim.AdamW(model.parameters(), o.LearningRate, weight_decay: o.WeightDecay);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, o.Epochs);
        using var labels = tensor(data.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64);
        // Weights 1 without a weight column: one loss formula for both, so a weight column of ones changes nothing.
        using var weights = tensor(data.Weights ?? Enumerable.Repeat(1f, data.Labels.Length).ToArray());
        // Flip and shift draws have their own generator, so they do not depend on how batches are drawn.
        var augmentRng = new Random(Seeding.Derive(o.Seed, "augment"));

        var tracker = new ProgressTracker(o.Progress, "cnn", (long)o.Epochs * sampler.BatchesPerEpoch, "img");
        var history = new List<EpochRecord>();
        Dictionary<string, Tensor>? best = null;
        (double Acc, double Loss) bestScore = (-1, double.MaxValue);
        var bestEpoch = o.Epochs;
        var sinceBest = 0;
        var status = "";
        var steps = 0;
        long realSeen = 0, syntheticSeen = 0;
        try
        {
            for (var epoch = 1; epoch <= o.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                model.train();
                double lossSum = 0;
                var seen = 0;
                foreach (var batch in sampler.Epoch())
                {
                    using var scope = NewDisposeScope();
                    using var idx = tensor(batch.Select(i => (long)i).ToArray(), ScalarType.Int64);
                    var x = data.Images.index_select(0, idx);
                    if (o.Augment) x = TrainingAugmentation.FlipAndShift(x, augmentRng, o.MaxShift);
                    var w = weights.index_select(0, idx).to(device);
                    var perRow = nn.functional.cross_entropy(model.forward(x.to(device)), labels.index_select(0, idx).to(device), reduction: nn.Reduction.None);
                    var loss = perRow.mul(w).sum().div(w.sum());   // ML.NET's weighted loss, as a weighted mean per batch
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.StepUninterrupted();
                    steps++;
                    var synth = batch.Count(i => isSynthetic[i]);
                    (syntheticSeen, realSeen) = (syntheticSeen + synth, realSeen + batch.Length - synth);
                    lossSum += loss.item<float>() * batch.Length;
                    seen += batch.Length;
                    tracker.Advance(1, batch.Length, $"epoch {epoch}/{o.Epochs} loss {lossSum / seen:0.000}{status}");
                }
                schedule.step();

                double? valAcc = null, valLoss = null;
                if (valRows.Length > 0)
                {
                    var (acc, vloss) = Evaluate(model, data.Images, labels, valRows, o.BatchSize, device);
                    (valAcc, valLoss) = (acc, vloss);
                    if (acc > bestScore.Acc || (acc == bestScore.Acc && vloss < bestScore.Loss))
                    {
                        bestScore = (acc, vloss);
                        bestEpoch = epoch;
                        sinceBest = 0;
                        Replace(ref best, Snapshot(model));
                    }
                    else sinceBest++;
                    status = $" val {acc:P1} (best {bestScore.Acc:P1} @ {bestEpoch})";
                }
                history.Add(new EpochRecord(epoch, lossSum / Math.Max(1, seen), valAcc, valLoss, clock.Elapsed.TotalSeconds));
                if (o.Patience is { } patience && sinceBest >= patience) break;
            }
            if (best != null) model.load_state_dict(best);
            else bestEpoch = history.Count;
        }
        catch
        {
            model.Dispose();
            throw;
        }
        finally
        {
            Replace(ref best, null);
        }
        model.eval();
        var summary = new CnnTrainingSummary(steps, history.Count, real.Length, synthetic.Length, valRows.Length, realSeen, syntheticSeen, sampler.Share);
        return new TrainingOutcome(model, history, bestEpoch, summary);
    }

    /// <summary>
    /// Real training rows, synthetic training rows and validation rows. The validation split is drawn from the real
    /// rows alone (so data with synthetic rows appended holds out exactly what the real rows alone would), and
    /// synthetic rows whose subject is held out are dropped: they are edits of validation faces.
    /// </summary>
    static (int[] Real, int[] Synthetic, int[] Validation) Partition(TrainingSet data, ExpressionCnnOptions o)
    {
        var n = data.Labels.Length;
        var marks = data.Synthetic ?? new bool[n];
        var realRows = Enumerable.Range(0, n).Where(i => !marks[i]).ToArray();
        var syntheticRows = Enumerable.Range(0, n).Where(i => marks[i]).ToArray();
        var realSubjects = data.Subjects == null ? null : realRows.Select(i => data.Subjects[i]).ToArray();
        var (train, validation) = realRows.Length == 0
            ? ([], [])
            : ValidationSplit.Make(realRows.Length, realSubjects, o.ValidationFraction, Seeding.Derive(o.Seed, "validation"));
        var real = train.Select(i => realRows[i]).ToArray();
        var held = validation.Select(i => realRows[i]).ToArray();
        if (held.Length > 0 && syntheticRows.Length > 0)
        {
            if (data.Subjects == null || held.Any(i => data.Subjects[i] == null))
                throw new ArgumentException("A validation split with synthetic rows needs SubjectColumnName (to keep edits of held-out faces out of training); or set ValidationFraction = 0.");
            var heldSubjects = held.Select(i => data.Subjects[i]).ToHashSet(StringComparer.Ordinal);
            syntheticRows = syntheticRows.Where(i => !heldSubjects.Contains(data.Subjects[i] ?? "")).ToArray();
        }
        if (real.Length + syntheticRows.Length < 2) throw new ArgumentException($"Only {real.Length + syntheticRows.Length} training rows after the validation split; need at least 2.");
        return (real, syntheticRows, held);
    }

    static (double Accuracy, double Loss) Evaluate(ExpressionCnn model, Tensor images, Tensor labels, int[] rows, int batch, Device device)
    {
        model.eval();
        using var noGrad = no_grad();
        long correct = 0;
        double loss = 0;
        for (var start = 0; start < rows.Length; start += batch)
        {
            using var scope = NewDisposeScope();
            var size = Math.Min(batch, rows.Length - start);
            var idx = tensor(rows.AsSpan(start, size).ToArray().Select(i => (long)i).ToArray(), ScalarType.Int64);
            var y = labels.index_select(0, idx).to(device);
            var logits = model.forward(images.index_select(0, idx).to(device));
            loss += nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(y).sum().item<long>();
        }
        return ((double)correct / rows.Length, loss / rows.Length);
    }

    static Dictionary<string, Tensor> Snapshot(ExpressionCnn model)
    {
        using var noGrad = no_grad();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
    }

    static void Replace(ref Dictionary<string, Tensor>? slot, Dictionary<string, Tensor>? value)
    {
        if (slot != null) foreach (var t in slot.Values) t.Dispose();
        slot = value;
    }
}
