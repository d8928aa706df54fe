using Augment.Core;
using Augment.ExprGan.Model;
using Augment.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>
/// A frozen expression classifier for the identity-preserving design's guide term
/// (<see cref="ExprGanTrainingOptions.GuideWeight"/>): trained on the real training faces before stage 1 and never
/// updated after. The auxiliary classifier learns beside the generator and calls edits "an edit", so what it asks of an
/// edit moves as the generator moves; the guide's reading of a class stays what real faces of that class look like, as an
/// independent judge's does. The same network as the auxiliary classifier; its "edit" output is never a target.
/// Written to the run folder (<see cref="ExprGanRunFiles.Guide"/>) so a resumed run reads the same guide.
/// </summary>
public sealed class ExpressionGuide : IDisposable
{
    /// <summary>Epochs over the training faces (horizontal flips at random), batch 32, Adam at 1e-3.</summary>
    public const int Epochs = 20;
    const int BatchSize = 32;
    const double LearningRate = 1e-3;

    readonly ExpressionClassifier net;

    ExpressionGuide(ExpressionClassifier net, double accuracy)
    {
        this.net = net;
        net.eval();
        foreach (var p in net.parameters()) p.requires_grad = false;
        TrainingAccuracy = accuracy;
    }

    /// <summary>Share of the training faces the guide reads right once trained (NaN when loaded).</summary>
    public double TrainingAccuracy { get; }

    /// <param name="images">The training faces (N x C x S x S in [-1, 1], on <paramref name="device"/>).</param>
    /// <param name="labels">Their classes (int64, same device).</param>
    public static ExpressionGuide Train(ExprGanArchitecture arch, Tensor images, Tensor labels, int seed, Device device, CancellationToken cancel = default)
    {
        var guideSeed = Seeding.Derive(seed, "expression guide");
        random.manual_seed(guideSeed);
        var net = new ExpressionClassifier(arch).to(device);
        using var optimizer = optim.Adam(net.parameters(), LearningRate);
        var rng = new Random(guideSeed);
        var n = (int)images.shape[0];
        var batch = Math.Min(BatchSize, n);
        net.train();
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var order = Enumerable.Range(0, n).ToArray();
            rng.Shuffle(order);
            for (var b = 0; b + batch <= n; b += batch)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var idx = order.AsSpan(b, batch).ToArray();
                var (x, y) = ExprGanTrainer.Batch(images, labels, idx, [.. idx.Select(_ => rng.NextDouble() < 0.5)]);
                optimizer.zero_grad();
                nn.functional.cross_entropy(net.forward(x), y).backward();
                optimizer.StepUninterrupted();
            }
        }
        double accuracy;
        using (no_grad())
        using (NewDisposeScope())
        {
            net.eval();
            accuracy = net.forward(images).argmax(1).eq(labels).to_type(ScalarType.Float32).mean().item<float>();
        }
        return new ExpressionGuide(net, accuracy);
    }

    /// <summary>Reads a guide <see cref="Save"/> wrote for the same architecture.</summary>
    public static ExpressionGuide Load(ExprGanArchitecture arch, string path, Device device)
    {
        var net = new ExpressionClassifier(arch);
        net.load(path);
        return new ExpressionGuide(net.to(device), double.NaN);
    }

    public void Save(string path) => AtomicFile.Write(path, stream =>
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        net.save(writer);
    });

    /// <summary>The guide's K + 1 logits for <paramref name="images"/>; gradients reach the images, never the guide.</summary>
    public Tensor Logits(Tensor images) => net.forward(images);

    public void Dispose() => net.Dispose();
}
