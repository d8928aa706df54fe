using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace Augment.Identity;

/// <summary>
/// Read access to an ONNX graph for the weight loaders: nodes by the tensor they consume or produce, attributes,
/// and initializers as float32 tensors (from float_data, as CNTK writes them, or raw_data). Errors name the file.
/// </summary>
public sealed class OnnxGraphReader
{
    private readonly Dictionary<string, TensorProto> initializers;
    private readonly Dictionary<string, NodeProto> producers = new();
    private readonly Dictionary<string, List<NodeProto>> consumers = new();

    private OnnxGraphReader(string path, ModelProto model)
    {
        Path = path;
        Model = model;
        initializers = model.Graph.Initializer.ToDictionary(t => t.Name);
        foreach (var node in model.Graph.Node)
        {
            foreach (var output in node.Output) producers[output] = node;
            foreach (var input in node.Input)
            {
                if (!consumers.TryGetValue(input, out var list)) consumers[input] = list = [];
                list.Add(node);
            }
        }
    }

    public string Path { get; }
    public ModelProto Model { get; }
    public GraphProto Graph => Model.Graph;

    public static OnnxGraphReader Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"ONNX model not found: {path}", path);
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{path} is not a readable ONNX model: {e.Message}", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0)
            throw new InvalidDataException($"{path} holds no ONNX graph.");
        return new OnnxGraphReader(path, model);
    }

    /// <summary>The one graph input that is not an initializer (IR 3 files list initializers as inputs too).</summary>
    public ValueInfoProto DataInput()
    {
        var inputs = Graph.Input.Where(i => !initializers.ContainsKey(i.Name)).ToList();
        return inputs.Count == 1 ? inputs[0]
            : throw new InvalidDataException($"{Path}: expected one image input, found {inputs.Count} ({string.Join(", ", inputs.Select(i => i.Name))}).");
    }

    /// <summary>Static shape of a graph input; dimensions without a value come back as -1.</summary>
    public static long[] ShapeOf(ValueInfoProto info) =>
        info.Type?.TensorType?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1L).ToArray() ?? [];

    public bool IsInitializer(string name) => initializers.ContainsKey(name);

    public NodeProto? ProducerOf(string tensor) => producers.GetValueOrDefault(tensor);

    public IReadOnlyList<NodeProto> ConsumersOf(string tensor) => consumers.TryGetValue(tensor, out var list) ? list : [];

    /// <summary>The single node of <paramref name="opType"/> consuming <paramref name="tensor"/>.</summary>
    public NodeProto SingleConsumer(string tensor, string opType)
    {
        var found = ConsumersOf(tensor).Where(n => n.OpType == opType).ToList();
        return found.Count == 1 ? found[0]
            : throw new InvalidDataException($"{Path}: expected one {opType} node reading '{tensor}', found {found.Count}.");
    }

    public long[] Ints(NodeProto node, string attribute, long[] fallback)
    {
        var a = node.Attribute.FirstOrDefault(x => x.Name == attribute);
        return a is null ? fallback : a.Ints.ToArray();
    }

    public float Float(NodeProto node, string attribute, float fallback) =>
        node.Attribute.FirstOrDefault(x => x.Name == attribute)?.F ?? fallback;

    public long Int(NodeProto node, string attribute, long fallback) =>
        node.Attribute.FirstOrDefault(x => x.Name == attribute)?.I ?? fallback;

    public string Text(NodeProto node, string attribute, string fallback) =>
        node.Attribute.FirstOrDefault(x => x.Name == attribute)?.S.ToStringUtf8() ?? fallback;

    public long[] DimsOf(string initializer) => Initializer(initializer).Dims.ToArray();

    /// <summary>An initializer as a float32 CPU tensor.</summary>
    public Tensor Weight(string initializer)
    {
        var t = Initializer(initializer);
        if (t.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{Path}: initializer '{initializer}' has ONNX data type {t.DataType}; only float32 is supported.");
        var count = t.Dims.Aggregate(1L, (a, d) => a * d);
        float[] values;
        if (t.FloatData.Count > 0)
        {
            values = t.FloatData.ToArray();
        }
        else
        {
            var raw = t.RawData.Span;
            values = new float[raw.Length / sizeof(float)];
            for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * sizeof(float)));
        }
        if (values.Length != count)
            throw new InvalidDataException($"{Path}: initializer '{initializer}' holds {values.Length} values for shape [{string.Join(", ", t.Dims)}].");
        return tensor(values, t.Dims.ToArray());
    }

    private TensorProto Initializer(string name) =>
        initializers.TryGetValue(name, out var t) ? t
            : throw new InvalidDataException($"{Path}: '{name}' is not an initializer (weights computed by the graph are not supported).");
}
