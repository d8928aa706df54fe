using System.Buffers;
using Augment.Augmentation.Onnx;
using Augment.ExprGan;
using Microsoft.ML.OnnxRuntime;

namespace Augment.Augmentation.Generation;

/// <summary>
/// The exported generator run through ONNX Runtime on the CPU: inputs image (N x C x H x W), target (N x K
/// one-hot) and intensity (N x d, z_y), output the edited image. Touches no TorchSharp type, so libtorch is
/// never loaded on this path.
/// </summary>
public sealed class OnnxExpressionRenderer : IExpressionRenderer
{
    const string ImageInput = OnnxRendererNames.Image, TargetInput = OnnxRendererNames.Target, IntensityInput = OnnxRendererNames.Intensity, Output = OnnxRendererNames.Output;

    readonly InferenceSession _session;

    /// <param name="intraOpThreads">ONNX Runtime intra-op threads; 0 = its default (all cores).</param>
    public OnnxExpressionRenderer(string path, int intraOpThreads = 0)
        : this(Open(o => new InferenceSession(path, o), intraOpThreads, path), path) { }

    public OnnxExpressionRenderer(byte[] model, int intraOpThreads = 0, string source = "in-memory ONNX model")
        : this(Open(o => new InferenceSession(model, o), intraOpThreads, source), source) { }

    OnnxExpressionRenderer(InferenceSession session, string source)
    {
        _session = session;
        Info = OnnxGeneratorMetadata.Read(session.ModelMetadata.CustomMetadataMap, source);
        foreach (var name in new[] { ImageInput, TargetInput, IntensityInput })
            if (!session.InputMetadata.ContainsKey(name))
                throw new InvalidDataException($"'{source}' has no input '{name}' (inputs: {string.Join(", ", session.InputMetadata.Keys)}).");
    }

    public GeneratorInfo Info { get; }
    public string Name => "ONNX Runtime cpu";

    public void Render(ReadOnlySpan<float> sources, ReadOnlySpan<int> targets, ReadOnlySpan<float> intensities, Span<float> output)
    {
        int n = targets.Length, size = Info.Channels * Info.Height * Info.Width, k = Info.Classes, d = Info.CodeDims;
        if (sources.Length < n * size || output.Length < n * size || intensities.Length != n)
            throw new ArgumentException($"Render: {n} targets need {n * size} source and output values and {n} intensities.");
        var pool = ArrayPool<float>.Shared;
        float[] image = pool.Rent(n * size), target = pool.Rent(n * k), zy = pool.Rent(n * d);
        try
        {
            sources[..(n * size)].CopyTo(image);
            Array.Clear(target, 0, n * k);
            for (int i = 0; i < n; i++)
            {
                target[i * k + targets[i]] = 1f;
                Array.Fill(zy, intensities[i], i * d, d);
            }
            var info = OrtMemoryInfo.DefaultInstance;
            using var imageValue = OrtValue.CreateTensorValueFromMemory(info, image.AsMemory(0, n * size), [n, Info.Channels, Info.Height, Info.Width]);
            using var targetValue = OrtValue.CreateTensorValueFromMemory(info, target.AsMemory(0, n * k), [n, k]);
            using var zyValue = OrtValue.CreateTensorValueFromMemory(info, zy.AsMemory(0, n * d), [n, d]);
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, [ImageInput, TargetInput, IntensityInput], [imageValue, targetValue, zyValue], [Output]);
            results[0].GetTensorDataAsSpan<float>()[..(n * size)].CopyTo(output);
        }
        finally
        {
            pool.Return(image);
            pool.Return(target);
            pool.Return(zy);
        }
    }

    public void Dispose() => _session.Dispose();

    static InferenceSession Open(Func<SessionOptions, InferenceSession> open, int intraOpThreads, string source)
    {
        using var options = new SessionOptions();
        if (intraOpThreads > 0) options.IntraOpNumThreads = intraOpThreads;
        try { return open(options); }
        catch (OnnxRuntimeException e) { throw new InvalidDataException($"'{source}' is not a valid ONNX model: {e.Message}", e); }
    }
}
