using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// Builds a <see cref="CntkResNet"/> from the CNTK ResNet18 ONNX file by walking its graph from the image input
/// (stem, then each residual block up to the final pooling), so block counts come from the file and every weight is
/// matched by its place in the graph, not by initializer order. Checks that each conv and pool's fixed pads equal
/// <see cref="CntkPadding"/> at the file's input size, so the port pads exactly like the file at 224x224.
/// </summary>
public static class CntkResNetLoader
{
    public static CntkResNet Load(string modelPath, Device device)
    {
        var g = OnnxGraphReader.Open(modelPath);
        var input = g.DataInput();
        var shape = OnnxGraphReader.ShapeOf(input);
        if (shape.Length != 4 || shape[1] != 3 || shape[2] < 1 || shape[3] < 1)
            throw new InvalidDataException($"{modelPath}: expected a fixed N x 3 x H x W image input, found [{string.Join(", ", shape)}].");
        var walk = new Walk(g, state: new Dictionary<string, Tensor>(), h: shape[2], w: shape[3]);

        var stemConv = g.SingleConsumer(input.Name, "Conv");
        walk.Conv(stemConv, "conv1", inChannels: 3, outChannels: CntkResNet.StageWidths[0], kernel: 7, stride: 2);
        var x = g.SingleConsumer(walk.BatchNorm(stemConv, "bn1").Output[0], "Relu").Output[0];
        var pool = g.SingleConsumer(x, "MaxPool");
        walk.CheckWindow(pool, kernel: 3, stride: 2);
        x = pool.Output[0];

        var blocks = new int[CntkResNet.StageWidths.Count];
        var stage = 0;
        long channels = CntkResNet.StageWidths[0];
        while (g.ConsumersOf(x).Any(n => n.OpType == "Conv"))
        {
            var convs = g.ConsumersOf(x).Where(n => n.OpType == "Conv").ToList();
            var main = convs.SingleOrDefault(c => g.DimsOf(c.Input[1])[2] == 3)
                ?? throw new InvalidDataException($"{modelPath}: no 3x3 conv reads '{x}'.");
            var width = g.DimsOf(main.Input[1])[0];
            var newStage = width != channels;
            if (newStage) stage++;
            if (stage >= blocks.Length || width != CntkResNet.StageWidths[stage])
                throw new InvalidDataException($"{modelPath}: block reading '{x}' has {width} channels; expected the stage widths {string.Join("/", CntkResNet.StageWidths)} in order.");
            x = walk.Block(x, convs, $"layer{stage + 1}.{blocks[stage]}", channels, width, stride: newStage ? 2 : 1);
            blocks[stage]++;
            channels = width;
        }
        if (blocks.Any(b => b == 0))
            throw new InvalidDataException($"{modelPath}: found blocks per stage [{string.Join(", ", blocks)}]; every stage needs one.");
        if (!g.ConsumersOf(x).Any(n => n.OpType is "AveragePool" or "GlobalAveragePool"))
            throw new InvalidDataException($"{modelPath}: the last block's output '{x}' does not end in average pooling.");

        var net = new CntkResNet("resnet", blocks, walk.Eps ?? 1e-5);
        var (missing, unexpected) = net.load_state_dict(walk.State, strict: false);
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new InvalidDataException($"{modelPath}: weights do not fit the ResNet (missing: {string.Join(", ", missing)}; unexpected: {string.Join(", ", unexpected)}).");
        foreach (var t in walk.State.Values) t.Dispose();
        return net.to(device);
    }

    /// <summary>Walk state: collected weights by state-dict name, the current spatial size and the shared BN epsilon.</summary>
    private sealed class Walk(OnnxGraphReader g, Dictionary<string, Tensor> state, long h, long w)
    {
        public Dictionary<string, Tensor> State => state;
        public double? Eps { get; private set; }

        public string Block(string x, IReadOnlyList<NodeProto> convs, string prefix, long inChannels, long width, long stride)
        {
            var (h0, w0) = (h, w);
            var conv1 = convs.Single(c => g.DimsOf(c.Input[1])[2] == 3);
            Conv(conv1, $"{prefix}.conv1", inChannels, width, 3, stride);
            var relu = g.SingleConsumer(BatchNorm(conv1, $"{prefix}.bn1").Output[0], "Relu");
            var conv2 = g.SingleConsumer(relu.Output[0], "Conv");
            Conv(conv2, $"{prefix}.conv2", width, width, 3, 1);
            var sum = g.SingleConsumer(BatchNorm(conv2, $"{prefix}.bn2").Output[0], "Add");
            var (h1, w1) = (h, w);

            var shortcut = x;
            var down = convs.Where(c => c != conv1).ToList();
            if (down.Count > 1 || (down.Count == 0) != (stride == 1 && inChannels == width))
                throw new InvalidDataException($"{g.Path}: block {prefix} reading '{x}' has {down.Count} shortcut convs for stride {stride}, {inChannels} -> {width} channels.");
            if (down.Count == 1)
            {
                (h, w) = (h0, w0);
                Conv(down[0], $"{prefix}.downsample.0", inChannels, width, 1, stride);
                shortcut = BatchNorm(down[0], $"{prefix}.downsample.1").Output[0];
                if ((h, w) != (h1, w1)) throw new InvalidDataException($"{g.Path}: block {prefix} branches disagree in size.");
            }
            if (!sum.Input.Contains(shortcut))
                throw new InvalidDataException($"{g.Path}: residual sum {sum.Name} of block {prefix} does not add its shortcut '{shortcut}'.");
            return g.SingleConsumer(sum.Output[0], "Relu").Output[0];
        }

        public void Conv(NodeProto node, string key, long inChannels, long outChannels, long kernel, long stride)
        {
            var dims = g.DimsOf(node.Input[1]);
            if (!dims.SequenceEqual(new[] { outChannels, inChannels, kernel, kernel }) || node.Input.Count > 2 && node.Input[2].Length > 0)
                throw new InvalidDataException($"{g.Path}: conv {node.Name} has weights [{string.Join(", ", dims)}]{(node.Input.Count > 2 ? " and a bias" : "")}; expected [{outChannels}, {inChannels}, {kernel}, {kernel}] without bias.");
            if (g.Int(node, "group", 1) != 1 || g.Ints(node, "dilations", [1, 1]).Any(d => d != 1))
                throw new InvalidDataException($"{g.Path}: conv {node.Name} is grouped or dilated.");
            CheckWindow(node, kernel, stride);
            state[$"{key}.weight"] = g.Weight(node.Input[1]);
        }

        /// <summary>Checks kernel, stride and the file's pads against CNTK's rule at the current size, then advances the size.</summary>
        public void CheckWindow(NodeProto node, long kernel, long stride)
        {
            var k = g.Ints(node, "kernel_shape", []);
            var s = g.Ints(node, "strides", [1, 1]);
            if (!k.SequenceEqual(new[] { kernel, kernel }) || !s.SequenceEqual(new[] { stride, stride }))
                throw new InvalidDataException($"{g.Path}: {node.OpType} {node.Name} has kernel [{string.Join(", ", k)}] stride [{string.Join(", ", s)}]; expected {kernel}x{kernel} stride {stride}.");
            var autoPad = g.Text(node, "auto_pad", "NOTSET");
            if (autoPad != "NOTSET")
                throw new InvalidDataException($"{g.Path}: {node.OpType} {node.Name} uses auto_pad {autoPad}; the CNTK export has explicit pads.");
            var (top, bottom) = CntkPadding.For(h, kernel, stride);
            var (left, right) = CntkPadding.For(w, kernel, stride);
            long[] expected = [top, left, bottom, right];
            var pads = g.Ints(node, "pads", [0, 0, 0, 0]);
            if (!pads.SequenceEqual(expected))
                throw new InvalidDataException($"{g.Path}: {node.OpType} {node.Name} at {h}x{w} pads [{string.Join(", ", pads)}], CNTK padding gives [{string.Join(", ", expected)}].");
            (h, w) = (CntkPadding.OutputSize(h, stride), CntkPadding.OutputSize(w, stride));
        }

        /// <summary>Reads the BatchNormalization node after <paramref name="producer"/> (ONNX inputs: X, scale, B, mean, var).</summary>
        public NodeProto BatchNorm(NodeProto producer, string key)
        {
            var node = g.SingleConsumer(producer.Output[0], "BatchNormalization");
            if (node.Input.Count != 5 || g.Int(node, "spatial", 1) != 1)
                throw new InvalidDataException($"{g.Path}: BatchNormalization {node.Name} is not a spatial BN with scale, bias, mean and variance.");
            double eps = g.Float(node, "epsilon", 1e-5f);
            if (Eps is { } e && Math.Abs(e - eps) > 1e-12)
                throw new InvalidDataException($"{g.Path}: BatchNormalization {node.Name} has epsilon {eps}, others {e}.");
            Eps = eps;
            string[] names = ["weight", "bias", "running_mean", "running_var"];
            for (var i = 0; i < names.Length; i++) state[$"{key}.{names[i]}"] = g.Weight(node.Input[i + 1]);
            return node;
        }
    }
}
