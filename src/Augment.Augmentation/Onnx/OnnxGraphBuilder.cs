using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static Onnx.AttributeProto.Types;
using static Onnx.TensorProto.Types;

namespace Augment.Augmentation.Onnx;

/// <summary>Small helper to write an ONNX graph node by node (OnnxSharp's protobuf types, default domain).</summary>
internal sealed class OnnxGraphBuilder(string graphName)
{
    readonly GraphProto _graph = new() { Name = graphName };
    int _next;

    /// <summary>A float32 input or output; a string dim is symbolic (e.g. the batch "N").</summary>
    public void Input(string name, params object[] dims) => _graph.Input.Add(ValueInfo(name, dims));
    public void Output(string name, params object[] dims) => _graph.Output.Add(ValueInfo(name, dims));

    public string Floats(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var count = dims.Aggregate(1L, (a, b) => a * b);
        if (values.Length != count)
            throw new ArgumentException($"Initializer '{name}': {values.Length} values for shape [{string.Join(", ", dims)}].");
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return name;
    }

    public string Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    public string Scalar(string name, float value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float };
        tensor.FloatData.Add(value);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a node and returns its (single) output name; an input "" means an omitted optional input.</summary>
    public string Node(string op, string[] inputs, params AttributeProto[] attributes) => NodeNamed(op, $"{op.ToLowerInvariant()}_{_next}", inputs, attributes);

    public string NodeNamed(string op, string output, string[] inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{_next++}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };
    public static AttributeProto Text(string name, string value) => new() { Name = name, Type = AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public ModelProto Build(int opset, string producer, IReadOnlyDictionary<string, string> metadata)
    {
        var model = new ModelProto
        {
            IrVersion = 7,                                   // ONNX 1.8, the first IR with opset 13
            ProducerName = producer,
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        foreach (var (key, value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    static ValueInfoProto ValueInfo(string name, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d switch
            {
                string p => new TensorShapeProto.Types.Dimension { DimParam = p },
                int v => new TensorShapeProto.Types.Dimension { DimValue = v },
                long v => new TensorShapeProto.Types.Dimension { DimValue = v },
                _ => throw new ArgumentException($"Dim {d} of '{name}' is neither a name nor a size."),
            });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = shape } },
        };
    }
}
