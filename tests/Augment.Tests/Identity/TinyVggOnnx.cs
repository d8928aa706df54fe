using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace Augment.Tests.Identity;

/// <summary>
/// A tiny VGG-shaped ONNX model written with the ONNX protobuf classes (conv with bias, ReLU, 2x2 max-pool,
/// then flatten + fully connected, which feature extraction must never need), standing in for a user's VGG-Face.
/// </summary>
internal static class TinyVggOnnx
{
    public const string Input = "data";
    public const string Conv12 = "conv1_2";
    public const string Conv21 = "conv2_1";
    public const string Fc = "fc8";

    public static byte[] Build(int seed)
    {
        random.manual_seed(seed);
        var graph = new GraphProto { Name = "tiny_vgg" };
        graph.Input.Add(Value(Input, 1, 3, 32, 32));
        graph.Output.Add(Value(Fc, 1, 10));
        Conv(graph, Input, "conv1_1", 3, 4);
        Relu(graph, "conv1_1", "relu1_1");
        Conv(graph, "relu1_1", Conv12, 4, 4);
        Relu(graph, Conv12, "relu1_2");
        graph.Node.Add(Node("MaxPool", ["relu1_2"], "pool1", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)));
        Conv(graph, "pool1", Conv21, 4, 8);
        Relu(graph, Conv21, "relu2_1");
        graph.Node.Add(Node("Flatten", ["relu2_1"], "flat", new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 }));
        graph.Initializer.Add(Weight("fc8_w", randn(8 * 16 * 16, 10) * 0.01f));
        graph.Node.Add(Node("MatMul", ["flat", "fc8_w"], Fc));
        var model = new ModelProto { IrVersion = 7, ProducerName = "Augment.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private static void Conv(GraphProto graph, string input, string output, long inChannels, long outChannels)
    {
        graph.Initializer.Add(Weight(output + "_w", randn(outChannels, inChannels, 3, 3) * 0.3f));
        graph.Initializer.Add(Weight(output + "_b", randn(outChannels) * 0.1f));
        graph.Node.Add(Node("Conv", [input, output + "_w", output + "_b"], output,
            Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1), Ints("strides", 1, 1)));
    }

    private static void Relu(GraphProto graph, string input, string output) => graph.Node.Add(Node("Relu", [input], output));

    private static NodeProto Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output + "_node" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private static TensorProto Weight(string name, Tensor values)
    {
        using (values)
        {
            var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
            t.Dims.AddRange(values.shape);
            // raw_data here (the CNTK file uses float_data), so both storage forms are read.
            t.RawData = ByteString.CopyFrom(values.contiguous().bytes.ToArray());
            return t;
        }
    }

    private static ValueInfoProto Value(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
