using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using static TorchSharp.torch;

namespace Augment.Tests.Identity;

/// <summary>Runs ONNX files in ONNX Runtime (the reference), optionally exposing intermediate tensors as outputs.</summary>
internal static class OnnxReference
{
    /// <summary>Runs <paramref name="modelBytes"/> on one float input and returns the named outputs as CPU tensors.</summary>
    public static Dictionary<string, Tensor> Run(byte[] modelBytes, string inputName, Tensor input, IReadOnlyList<string> outputs)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2 };
        using var session = new InferenceSession(modelBytes, options);
        using var value = OrtValue.CreateTensorValueFromMemory(input.contiguous().data<float>().ToArray(), input.shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [inputName], [value], outputs.ToArray());
        var map = new Dictionary<string, Tensor>();
        for (var i = 0; i < outputs.Count; i++)
        {
            var shape = results[i].GetTensorTypeAndShape().Shape;
            map[outputs[i]] = tensor(results[i].GetTensorDataAsSpan<float>().ToArray(), shape);
        }
        return map;
    }

    /// <summary>The model with extra graph outputs (float tensors, shape left to the runtime).</summary>
    public static byte[] WithOutputs(ModelProto original, IEnumerable<string> extraOutputs)
    {
        var model = original.Clone();
        foreach (var name in extraOutputs.Where(n => model.Graph.Output.All(o => o.Name != n)))
            model.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        return model.ToByteArray();
    }

    public static float MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        using var d = (a.cpu() - b.cpu()).abs().max();
        return d.item<float>();
    }

    public static float MaxAbs(Tensor a)
    {
        using var m = a.abs().max();
        return m.item<float>();
    }
}
