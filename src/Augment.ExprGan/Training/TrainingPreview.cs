using Augment.Data.Imaging;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Training;

/// <summary>
/// The epoch-end picture: one row per preview input: the input, its reconstruction (own class, intensity 1), then
/// the input rendered in each of the K expressions at intensity 1. In the paper design's stage 1 the encoder is untrained,
/// so rows decode a fixed prior sample instead (the "input" column still shows the real image for scale). The generator
/// has no batch norm, so no train/eval switch is needed.
/// </summary>
public static class TrainingPreview
{
    public static void Save(string path, ExprGanNetworks nets, Tensor images, int[] labels, IReadOnlyList<string> classNames,
        int stage, int epoch, int seed)
    {
        var arch = nets.Architecture;
        var n = images.shape[0];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var prior = stage == 1 && !arch.HasMask;
        Func<Tensor, Tensor> render;
        if (prior)
        {
            using var gen = new Generator((ulong)seed, CPU);
            var z = rand(n, arch.ZDim, generator: gen).mul(2).sub(1).to(nets.Device);
            render = code => nets.Decoder.forward(z, code);
        }
        else render = code => nets.Generator.Generate(images, code).Image;
        var columns = new List<Tensor> { images };
        var own = nets.Controller.Code(labels.Select(l => (long)l).ToArray(), Enumerable.Repeat(1f, (int)n).ToArray(), nets.Device);
        columns.Add(render(own));
        for (var k = 0; k < arch.Classes; k++)
            columns.Add(render(nets.Controller.Code(Enumerable.Repeat((long)k, (int)n).ToArray(), Enumerable.Repeat(1f, (int)n).ToArray(), nets.Device)));
        var grid = stack(columns, 1).reshape(n * columns.Count, arch.Channels, arch.ImageSize, arch.ImageSize);
        ImageGrid.Save(path, grid, new GridOptions
        {
            Columns = columns.Count,
            ColumnLabels = new[] { "input", prior ? "prior" : "recon" }.Concat(classNames).ToArray(),
            RowLabels = labels.Select(l => classNames[l]).ToArray(),
            Title = $"stage {stage} epoch {epoch + 1}: own class and every class at intensity 1",
            Scale = arch.ImageSize < 96 ? 2 : 1,
        });
    }
}
