using System.Diagnostics;
using Augment.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Classifier;

/// <summary>Images (N x C x H x W, already in the network's scale), 0-based labels and optional subjects.</summary>
internal sealed record TrainingSet(Tensor Images, int[] Labels, string?[]? Subjects, int ClassCount);

internal sealed record TrainingOutcome(ExpressionCnn Model, IReadOnlyList<EpochRecord> History, int BestEpoch);

/// <summary>
/// Mini-batch training with AdamW and a cosine learning-rate schedule; with a validation split it keeps the
/// weights of the epoch with the best validation accuracy (ties: lower validation loss).
/// </summary>
internal static class CnnTraining
{
    public static TrainingOutcome Train(TrainingSet data, ExpressionCnnOptions o, Device device)
    {
        var n = data.Labels.Length;
        var (trainRows, valRows) = ValidationSplit.Make(n, data.Subjects, o.ValidationFraction, Seeding.Derive(o.Seed, "validation"));
        if (trainRows.Length < 2) throw new ArgumentException($"Only {trainRows.Length} training rows after the validation split; need at least 2.");

        Seeding.SeedTorch(Seeding.Derive(o.Seed, "cnn-init"));   // initial weights and dropout masks
        var model = new ExpressionCnn(o.Architecture, o.Channels, o.Height, o.Width, data.ClassCount);
        model.to(device);
        using var optimizer = optim.AdamW(model.parameters(), o.LearningRate, weight_decay: o.WeightDecay);
        var schedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, o.Epochs);
        using var labels = tensor(data.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64);
        var rng = new Random(Seeding.Derive(o.Seed, "batches"));

        var batchesPerEpoch = trainRows.Length / o.BatchSize + (trainRows.Length % o.BatchSize >= 2 ? 1 : 0);
        var tracker = new ProgressTracker(o.Progress, "cnn", (long)o.Epochs * batchesPerEpoch, "img");
        var history = new List<EpochRecord>();
        Dictionary<string, Tensor>? best = null;
        (double Acc, double Loss) bestScore = (-1, double.MaxValue);
        var bestEpoch = o.Epochs;
        var sinceBest = 0;
        var status = "";
        try
        {
            for (var epoch = 1; epoch <= o.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                var order = (int[])trainRows.Clone();
                rng.Shuffle(order);
                model.train();
                double lossSum = 0;
                var seen = 0;
                for (var start = 0; start < order.Length; start += o.BatchSize)
                {
                    var size = Math.Min(o.BatchSize, order.Length - start);
                    if (size < 2) break;   // batch norm cannot train on a single image
                    using var scope = NewDisposeScope();
                    using var idx = tensor(order.AsSpan(start, size).ToArray().Select(i => (long)i).ToArray(), ScalarType.Int64);
                    var x = data.Images.index_select(0, idx);
                    if (o.Augment) x = TrainingAugmentation.FlipAndShift(x, rng, o.MaxShift);
                    var loss = nn.functional.cross_entropy(model.forward(x.to(device)), labels.index_select(0, idx).to(device));
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    lossSum += loss.item<float>() * size;
                    seen += size;
                    tracker.Advance(1, size, $"epoch {epoch}/{o.Epochs} loss {lossSum / seen:0.000}{status}");
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
        return new TrainingOutcome(model, history, bestEpoch);
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
