using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace OneDnnRepro;

/// <summary>One conv2d shape: N x Cin x S x S input, Cout x Cin x K x K weight, bias, stride, padding K/2.</summary>
sealed record ConvCase(long N, long Cin, long Cout, long Size, long Kernel, long Stride)
{
    public override string ToString() => $"N={N} Cin={Cin} Cout={Cout} {Size}x{Size} k={Kernel} s={Stride}";
}

/// <summary>Largest error of float32 conv2d against float64, relative to the largest |reference| value; NaN stays NaN.</summary>
sealed record ConvErrors(double Output, double GradInput, double GradWeight)
{
    /// <summary>float32 over a few hundred terms is good to ~1e-6 relative; the defect gives 1e-1 and more.</summary>
    public const double Tolerance = 1e-4;

    static bool Wrong(double e) => !(e < Tolerance);

    public bool AnyWrong => Wrong(Output) || Wrong(GradInput) || Wrong(GradWeight);

    /// <summary>"." when right, else the wrong parts: F (forward output), I (input gradient), W (weight gradient).</summary>
    public string Code => AnyWrong ? (Wrong(Output) ? "F" : "") + (Wrong(GradInput) ? "I" : "") + (Wrong(GradWeight) ? "W" : "") : ".";
}

static class ConvCheck
{
    /// <summary>
    /// Runs forward + backward of one float32 conv2d with oneDNN on or off (seeded data), and the same in float64
    /// (ATen's own kernel: oneDNN has no float64 convolution), and returns the relative errors.
    /// </summary>
    public static ConvErrors Run(ConvCase c, bool oneDnn, ulong seed = 1)
    {
        using var scope = NewDisposeScope();
        using var gen = new Generator(seed, CPU);
        var x64 = randn([c.N, c.Cin, c.Size, c.Size], ScalarType.Float64, generator: gen);
        var w64 = randn([c.Cout, c.Cin, c.Kernel, c.Kernel], ScalarType.Float64, generator: gen).div(Math.Sqrt(c.Cin * c.Kernel * c.Kernel));
        var b64 = randn([c.Cout], ScalarType.Float64, generator: gen);
        var outSize = (c.Size + 2 * (c.Kernel / 2) - c.Kernel) / c.Stride + 1;
        var g64 = randn([c.N, c.Cout, outSize, outSize], ScalarType.Float64, generator: gen);

        var reference = Pass(x64, w64, b64, g64, c);
        LibTorchNative.SetOneDnn(oneDnn);
        try
        {
            var actual = Pass(x64.to(ScalarType.Float32), w64.to(ScalarType.Float32), b64.to(ScalarType.Float32), g64.to(ScalarType.Float32), c);
            return new ConvErrors(Relative(actual.Y, reference.Y), Relative(actual.Dx, reference.Dx), Relative(actual.Dw, reference.Dw));
        }
        finally { LibTorchNative.SetOneDnn(true); }
    }

    static (Tensor Y, Tensor Dx, Tensor Dw) Pass(Tensor x, Tensor w, Tensor b, Tensor g, ConvCase c)
    {
        x = x.detach().requires_grad_(true);
        w = w.detach().requires_grad_(true);
        var y = F.conv2d(x, w, b, strides: [c.Stride, c.Stride], padding: [c.Kernel / 2, c.Kernel / 2]);
        y.backward([g]);
        return (y.detach(), x.grad!, w.grad!);
    }

    static double Relative(Tensor actual, Tensor reference)
    {
        var scale = reference.abs().max().item<double>();
        var error = actual.to(ScalarType.Float64).sub(reference).abs().max().item<double>();
        return double.IsNaN(error) ? double.NaN : error / Math.Max(scale, 1e-30);
    }
}
