using Augment.Core;
using Augment.ExprGan;
using Google.Protobuf;
using Onnx;
using TorchSharp;

namespace Augment.Augmentation.Onnx;

/// <summary>
/// Exports a generator (encoder, expression controller, decoder) to ONNX: the graph is written from the
/// architecture record and the state dict, so no tracing is needed (TorchSharp has no ONNX export).
/// </summary>
public static class ExprGanOnnxExporter
{
    public static ModelProto ToModel(ExprGanGenerator generator)
    {
        var weights = new Dictionary<string, WeightArray>();
        foreach (var (name, tensor) in generator.StateDict())
        {
            using var cpu = tensor.detach().to(torch.CPU).to_type(torch.ScalarType.Float32).contiguous();
            weights[name] = new WeightArray(cpu.shape, cpu.data<float>().ToArray());
        }
        return GeneratorOnnxGraph.Build(generator.Architecture, weights, OnnxGeneratorMetadata.Write(generator.Info));
    }

    public static byte[] ToBytes(ExprGanGenerator generator) => ToModel(generator).ToByteArray();

    /// <summary>Writes the .onnx file atomically.</summary>
    public static void Export(ExprGanGenerator generator, string path) => AtomicFile.WriteAllBytes(path, ToBytes(generator));
}
