using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// Runs, in TorchSharp, the part of an ONNX image network that the requested feature tensors depend on, so a user
/// can plug in their own phi (e.g. VGG-Face converted to ONNX) and get gradients to the input. Supported ops: Conv,
/// BatchNormalization, Relu, LeakyRelu, MaxPool, AveragePool (no padding), GlobalAveragePool, Add, Dropout and
/// Identity (inference: pass-through); float32 weights. Pads are the file's, so other input sizes work when the
/// file's pads suit them (symmetric "same" pads, as in VGG, do). Layers after the requested outputs (fc, softmax)
/// are never read.
/// </summary>
public sealed class OnnxFeatureNetwork : nn.Module<Tensor, IReadOnlyList<Tensor>>
{
    private static readonly HashSet<string> Supported =
        ["Conv", "BatchNormalization", "Relu", "LeakyRelu", "MaxPool", "AveragePool", "GlobalAveragePool", "Add", "Dropout", "Identity"];

    private readonly ModuleDict<nn.Module<Tensor, Tensor>> layers;
    private readonly Step[] steps;
    private readonly string inputName;
    private readonly string[] outputs;

    private sealed record Step(string Op, string[] Inputs, string Output, string? Layer, long[] Kernel, long[] Strides, long[] Pads, float Alpha, bool CeilMode);

    public OnnxFeatureNetwork(string modelPath, IReadOnlyList<string> outputNames) : base("onnx")
    {
        if (outputNames.Count == 0) throw new ArgumentException("Name at least one graph tensor to return as a feature map.", nameof(outputNames));
        var g = OnnxGraphReader.Open(modelPath);
        inputName = g.DataInput().Name;
        outputs = outputNames.ToArray();
        foreach (var o in outputs.Where(o => g.ProducerOf(o) is null))
            throw new ArgumentException($"{modelPath}: no node produces '{o}'. Conv outputs in the file: " +
                string.Join(", ", g.Graph.Node.Where(n => n.OpType == "Conv").Select(n => n.Output[0]).Take(20)), nameof(outputNames));

        var needed = new HashSet<string>(outputs);
        var nodes = new List<NodeProto>();
        foreach (var node in g.Graph.Node.Reverse())
        {
            if (!node.Output.Any(needed.Contains)) continue;
            nodes.Add(node);
            foreach (var i in node.Input.Where(i => i.Length > 0 && !g.IsInitializer(i))) needed.Add(i);
        }
        nodes.Reverse();
        var unsupported = nodes.Where(n => !Supported.Contains(n.OpType)).Select(n => $"{n.OpType} ('{n.Name}')").Distinct().ToList();
        if (unsupported.Count > 0)
            throw new NotSupportedException($"{modelPath}: the requested features need ops this loader does not run: {string.Join(", ", unsupported)}. " +
                $"Supported: {string.Join(", ", Supported)}.");

        layers = new ModuleDict<nn.Module<Tensor, Tensor>>();
        steps = nodes.Select(n => ToStep(g, n)).ToArray();
        RegisterComponents();
    }

    public IReadOnlyList<string> Outputs => outputs;

    public override IReadOnlyList<Tensor> forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var values = new Dictionary<string, Tensor> { [inputName] = input };
        foreach (var s in steps) values[s.Output] = Run(s, values);
        var features = outputs.Select(o => values[o]).ToList();
        scope.MoveToOuter(features);
        return features;
    }

    private Tensor Run(Step s, Dictionary<string, Tensor> v) => s.Op switch
    {
        "Conv" or "BatchNormalization" => layers[s.Layer!].forward(v[s.Inputs[0]]),
        "Relu" => nn.functional.relu(v[s.Inputs[0]]),
        "LeakyRelu" => nn.functional.leaky_relu(v[s.Inputs[0]], s.Alpha),
        "MaxPool" => nn.functional.max_pool2d(Pad(v[s.Inputs[0]], s.Pads, double.NegativeInfinity), s.Kernel, s.Strides, ceil_mode: s.CeilMode),
        "AveragePool" => nn.functional.avg_pool2d(v[s.Inputs[0]], s.Kernel, s.Strides, ceil_mode: s.CeilMode),
        "GlobalAveragePool" => nn.functional.adaptive_avg_pool2d(v[s.Inputs[0]], 1),
        "Add" => v[s.Inputs[0]].add(v[s.Inputs[1]]),
        _ => v[s.Inputs[0]].alias(), // Dropout, Identity
    };

    private static Tensor Pad(Tensor x, long[] pads, double value) =>
        pads.All(p => p == 0) ? x : nn.functional.pad(x, [pads[1], pads[3], pads[0], pads[2]], value: value);

    private Step ToStep(OnnxGraphReader g, NodeProto n)
    {
        string Where() => $"{g.Path}: {n.OpType} node '{n.Name}' (output {n.Output[0]})";
        if (n.Input.Skip(n.OpType == "Add" ? 2 : 1).Any(i => i.Length > 0 && !g.IsInitializer(i)) || (n.OpType == "Add" && n.Input.Any(g.IsInitializer)))
            throw new NotSupportedException($"{Where()} has an input this loader cannot take (computed weights or a constant addend).");
        var autoPad = g.Text(n, "auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or "VALID"))
            throw new NotSupportedException($"{Where()} uses auto_pad {autoPad}; re-export it with explicit pads.");
        var kernel = g.Ints(n, "kernel_shape", []);
        var strides = g.Ints(n, "strides", [1, 1]);
        var pads = autoPad == "VALID" ? [0, 0, 0, 0] : g.Ints(n, "pads", [0, 0, 0, 0]);
        var ceil = g.Int(n, "ceil_mode", 0) != 0;
        if (n.OpType is "MaxPool" or "AveragePool" && (kernel.Length != 2 || g.Ints(n, "dilations", [1, 1]).Any(d => d != 1)))
            throw new NotSupportedException($"{Where()} is not a plain 2-D pooling.");
        if (n.OpType == "AveragePool" && pads.Any(p => p != 0))
            throw new NotSupportedException($"{Where()} pads an average pooling; not supported.");

        string? layer = null;
        if (n.OpType == "Conv")
        {
            layer = Key(n.Output[0]);
            using var w = g.Weight(n.Input[1]);
            if (w.dim() != 4) throw new NotSupportedException($"{Where()} is not a 2-D convolution.");
            using var b = n.Input.Count > 2 && n.Input[2].Length > 0 ? g.Weight(n.Input[2]) : null;
            layers.Add(layer, new OnnxConv2d(layer, w, b, strides, pads, g.Ints(n, "dilations", [1, 1]), g.Int(n, "group", 1)));
        }
        else if (n.OpType == "BatchNormalization")
        {
            layer = Key(n.Output[0]);
            if (n.Input.Count != 5 || g.Int(n, "spatial", 1) != 1) throw new NotSupportedException($"{Where()} is not a spatial BatchNormalization.");
            using var scale = g.Weight(n.Input[1]);
            var bn = new FrozenBatchNorm2d(layer, scale.shape[0], g.Float(n, "epsilon", 1e-5f));
            var state = new Dictionary<string, Tensor>
            {
                ["weight"] = g.Weight(n.Input[1]), ["bias"] = g.Weight(n.Input[2]),
                ["running_mean"] = g.Weight(n.Input[3]), ["running_var"] = g.Weight(n.Input[4]),
            };
            bn.load_state_dict(state);
            foreach (var t in state.Values) t.Dispose();
            layers.Add(layer, bn);
        }
        return new Step(n.OpType, n.Input.ToArray(), n.Output[0], layer, kernel, strides, pads, g.Float(n, "alpha", 0.01f), ceil);
    }

    /// <summary>State-dict key of a layer: its output tensor's name without dots, unique.</summary>
    private string Key(string output)
    {
        var key = output.Replace('.', '_');
        return layers.ContainsKey(key) ? throw new InvalidDataException($"Two layers map to the name '{key}'.") : key;
    }
}
