using Augment.Augmentation.Onnx;
using Augment.ExprGan;
using Augment.Torch;

namespace Augment.Augmentation.Generation;

/// <summary>
/// Opens the generator the options name on the chosen backend. The ONNX path with an .onnx file is kept in
/// its own method so that it never touches a TorchSharp type and libtorch is never loaded.
/// </summary>
internal static class RendererFactory
{
    public static IExpressionRenderer Create(ExprGanAugmentOptions options) =>
        options.Backend == GeneratorBackend.Onnx && options.GeneratorPath != null && OnnxFile.IsOnnxPath(options.GeneratorPath)
            ? new OnnxExpressionRenderer(options.GeneratorPath, options.OnnxThreads)
            : CreateWithTorch(options);

    static IExpressionRenderer CreateWithTorch(ExprGanAugmentOptions options)
    {
        if (options.Backend == GeneratorBackend.TorchSharp)
            return options.Generator != null
                ? new TorchExpressionRenderer(options.Generator, ownsGenerator: false)
                : new TorchExpressionRenderer(ExprGanGenerator.Load(options.GeneratorPath!, DeviceChoice.Resolve(options.Device)), ownsGenerator: true);
        if (options.Generator != null)
            return options.Generator is ExprGanGenerator g
                ? new OnnxExpressionRenderer(ExprGanOnnxExporter.ToBytes(g), options.OnnxThreads, "generator exported in memory")
                : throw new ArgumentException($"The ONNX backend exports an ExprGanGenerator or runs an .onnx file; {options.Generator.GetType().Name} is neither.");
        using var loaded = ExprGanGenerator.Load(options.GeneratorPath!, TorchSharp.torch.CPU);
        return new OnnxExpressionRenderer(ExprGanOnnxExporter.ToBytes(loaded), options.OnnxThreads, options.GeneratorPath!);
    }
}
