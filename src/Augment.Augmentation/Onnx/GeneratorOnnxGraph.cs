using Augment.ExprGan.Model;
using Onnx;
using static Augment.Augmentation.Onnx.OnnxGraphBuilder;

namespace Augment.Augmentation.Onnx;

/// <summary>A weight from the generator's state dict, as plain arrays (row-major).</summary>
public sealed record WeightArray(long[] Shape, float[] Values);

/// <summary>
/// Writes the ExprGAN generator (encoder, expression controller, decoder) as an ONNX graph, opset 13, from the
/// state dict names and architecture of ARCHITECTURE.md. Inputs: image (N x C x H x W, [-1, 1]), target
/// (N x K one-hot), intensity (N x d, z_y); output: output (N x C x H x W). The batch dim N is symbolic.
/// </summary>
public static class GeneratorOnnxGraph
{
    public const int Opset = 13;

    public static ModelProto Build(ExprGanArchitecture arch, IReadOnlyDictionary<string, WeightArray> stateDict, IReadOnlyDictionary<string, string> metadata)
    {
        var spec = arch.Validated();
        var g = new OnnxGraphBuilder("exprgan_generator");
        var weights = new WeightReader(stateDict, g);
        int s = spec.ImageSize, kd = spec.CodeSize, last = spec.EncoderWidths[^1], s0 = spec.StartSize;
        g.Input(OnnxRendererNames.Image, "N", spec.Channels, s, s);
        g.Input(OnnxRendererNames.Target, "N", spec.Classes);
        g.Input(OnnxRendererNames.Intensity, "N", spec.CodeDims);

        // Encoder: n x [conv k x k stride 2 -> ReLU], flatten, fc -> tanh.
        var h = OnnxRendererNames.Image;
        int inCh = spec.Channels, k = spec.EncoderKernel, pad = k / 2, levels = spec.EncoderWidths.Length;
        var maps = new string[levels];
        for (int i = 0; i < levels; i++)
        {
            var w = spec.EncoderWidths[i];
            h = Conv(g, h, weights.Get($"encoder.convs.{i}.weight", w, inCh, k, k), weights.Find($"encoder.convs.{i}.bias", w), k, stride: 2, pad);
            h = maps[i] = g.Node("Relu", [h]);
            inCh = w;
        }
        h = g.Node("Flatten", [h], Int("axis", 1));
        var z = g.Node("Tanh", [Gemm(g, h, "encoder.fc", weights, spec.ZDim, (long)last * s0 * s0)]);

        // Expression controller: c[k*d + j] = (2 y_k - 1) |z_y[j]|.
        var sign = g.Node("Sub", [g.Node("Mul", [OnnxRendererNames.Target, g.Scalar("two", 2f)]), g.Scalar("one", 1f)]);
        var signs = g.Node("Unsqueeze", [sign, g.Int64s("axis_2", 2)]);
        var magnitude = g.Node("Unsqueeze", [g.Node("Abs", [OnnxRendererNames.Intensity]), g.Int64s("axis_1", 1)]);
        var code = g.Node("Flatten", [g.Node("Mul", [signs, magnitude])], Int("axis", 1));
        var code4 = g.Node("Unsqueeze", [code, g.Int64s("axes_2_3", 2, 3)]);
        var mapShapes = new Dictionary<int, string>();
        string CodeMap(int size)
        {
            if (!mapShapes.TryGetValue(size, out var shape)) mapShapes[size] = shape = g.Int64s($"map_{size}", 1, 1, size, size);
            return g.Node("Expand", [code4, shape]);
        }

        // Decoder: [z, c tiled] -> fc -> ReLU -> reshape, then the code as constant channels after every stage.
        var tiled = g.Node("Concat", Enumerable.Repeat(code, spec.CodeTiling).ToArray(), Int("axis", 1));
        h = g.Node("Concat", [z, tiled], Int("axis", 1));
        h = g.Node("Relu", [Gemm(g, h, "decoder.fc", weights, (long)last * s0 * s0, spec.ZDim + spec.CodeTiling * kd)]);
        h = g.Node("Reshape", [h, g.Int64s("start_shape", -1, last, s0, s0)]);
        int size = s0;
        inCh = last;
        // Identity-preserving design: the encoder map of the same size joins the first SkipLevels levels.
        if (spec.SkipsInto(0)) (h, inCh) = (g.Node("Concat", [h, maps[levels - 1]], Int("axis", 1)), inCh + spec.EncoderWidths[levels - 1]);
        var features = h;   // the maps without the code planes, which every convolution takes last
        h = g.Node("Concat", [h, CodeMap(size)], Int("axis", 1));
        var scales = g.Floats("upsample_scales", [4], [1f, 1f, 2f, 2f]);
        for (int i = 0; i < spec.EncoderWidths.Length; i++)
        {
            size *= 2;
            // Bilinear: ONNX's half-pixel linear resize is torch's bilinear interpolation without align_corners.
            h = spec.BilinearAt(i)
                ? g.Node("Resize", [h, "", scales], Text("mode", "linear"), Text("coordinate_transformation_mode", "half_pixel"))
                : g.Node("Resize", [h, "", scales], Text("mode", "nearest"), Text("coordinate_transformation_mode", "asymmetric"), Text("nearest_mode", "floor"));
            var w = spec.DecoderWidths[i];
            h = g.Node("Relu", [Conv(g, h, weights.Get($"decoder.ups.{i}.weight", w, inCh + kd, 3, 3), weights.Find($"decoder.ups.{i}.bias", w), 3, 1, 1)]);
            inCh = w;
            if (i < levels - 1 && spec.SkipsInto(i + 1))
                (h, inCh) = (g.Node("Concat", [h, maps[levels - 2 - i]], Int("axis", 1)), inCh + spec.EncoderWidths[levels - 2 - i]);
            features = h;
            h = g.Node("Concat", [h, CodeMap(size)], Int("axis", 1));
        }
        // InputSkip: the image joins the penultimate convolution's input, before the code planes.
        if (spec.InputSkip)
            (h, inCh) = (g.Node("Concat", [features, OnnxRendererNames.Image, CodeMap(size)], Int("axis", 1)), spec.PenultimateInput(inCh));
        const int pen = ExprGanArchitecture.PenultimateWidth;
        h = g.Node("Relu", [Conv(g, h, weights.Get("decoder.penultimate.weight", pen, inCh + kd, 3, 3), weights.Find("decoder.penultimate.bias", pen), 3, 1, 1)]);
        h = g.Node("Concat", [h, CodeMap(size)], Int("axis", 1));
        var colour = Conv(g, h, weights.Get("decoder.output.weight", spec.Channels, pen + kd, 3, 3), weights.Find("decoder.output.bias", spec.Channels), 3, 1, 1);
        if (!spec.HasMask) g.NodeNamed("Tanh", OnnxRendererNames.Output, [colour]);
        else
        {
            // x_hat = keep * image + (1 - keep) * tanh(colour), keep = sigmoid(mask conv).
            var keep = g.Node("Sigmoid", [Conv(g, h, weights.Get("decoder.mask.weight", 1, pen + kd, 3, 3), weights.Find("decoder.mask.bias", 1), 3, 1, 1)]);
            var drawn = g.Node("Mul", [g.Node("Sub", [g.Scalar("keep_one", 1f), keep]), g.Node("Tanh", [colour])]);
            g.NodeNamed("Add", OnnxRendererNames.Output, [g.Node("Mul", [keep, OnnxRendererNames.Image]), drawn]);
        }
        g.Output(OnnxRendererNames.Output, "N", spec.Channels, s, s);
        return g.Build(Opset, "Augment ExprGAN exporter", metadata);
    }

    static string Conv(OnnxGraphBuilder g, string x, string weight, string? bias, int kernel, int stride, int pad) =>
        g.Node("Conv", bias == null ? [x, weight] : [x, weight, bias],
            Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", pad, pad, pad, pad));

    static string Gemm(OnnxGraphBuilder g, string x, string prefix, WeightReader weights, long outFeatures, long inFeatures)
    {
        var w = weights.Get($"{prefix}.weight", outFeatures, inFeatures);
        var b = weights.Find($"{prefix}.bias", outFeatures);
        return g.Node("Gemm", b == null ? [x, w] : [x, w, b], Int("transB", 1));
    }

    /// <summary>Looks weights up by state-dict name, checks their shapes and adds them as initializers.</summary>
    sealed class WeightReader(IReadOnlyDictionary<string, WeightArray> stateDict, OnnxGraphBuilder g)
    {
        public string Get(string name, params long[] shape) => Find(name, shape) ?? throw new InvalidDataException(
            $"Generator state dict has no '{name}' (it has: {string.Join(", ", stateDict.Keys.Order().Take(40))}).");

        public string? Find(string name, params long[] shape)
        {
            if (!stateDict.TryGetValue(name, out var w)) return null;
            if (!w.Shape.SequenceEqual(shape))
                throw new InvalidDataException($"Generator weight '{name}' has shape [{string.Join(", ", w.Shape)}]; the architecture needs [{string.Join(", ", shape)}].");
            return g.Floats(name, w.Shape, w.Values);
        }
    }
}

/// <summary>Input and output names of an exported generator.</summary>
public static class OnnxRendererNames
{
    public const string Image = "image", Target = "target", Intensity = "intensity", Output = "output";
}
