using Augment.Data;
using Augment.Data.Procedural;
using Augment.ExprGan;
using Augment.ExprGan.Model;
using static TorchSharp.torch;

namespace Augment.Tests.Evaluation;

/// <summary>
/// A generator that ignores the code and returns its input unchanged: z is the image itself, so identity is kept
/// perfectly, reconstruction is exact, and the expression never changes (edit accuracy = 1/K, no intensity control).
/// </summary>
sealed class PassThroughGenerator(IReadOnlyList<string> classNames, int channels, int size) : IExpressionGenerator
{
    readonly ExpressionController controller = new(classNames.Count, 1);

    public GeneratorInfo Info { get; } = new(classNames, channels, size, size, channels * size * size, 1);
    public Device Device => CPU;
    public Tensor Encode(Tensor images) => images.flatten(1).clone();
    public Tensor Decode(Tensor z, Tensor code) => z.view(z.shape[0], Info.Channels, Info.Height, Info.Width).clone();
    public Tensor Edit(Tensor images, Tensor code) => images.clone();
    public Tensor Code(long[] targets, float[] intensities) => controller.Code(targets, intensities, CPU);
    public void Dispose() => controller.Dispose();
}

/// <summary>
/// The collapse issue 12 describes, made exact: every edit into target t is one fixed face, the mean real training
/// face of class t, whoever the input is. It keeps no identity at all (nearest-face share = chance) while its edits
/// still carry the expression. z is the image itself, as for <see cref="PassThroughGenerator"/>.
/// </summary>
sealed class FixedFaceGenerator : IExpressionGenerator
{
    readonly ExpressionController controller;
    readonly Tensor faces;   // K x C x H x W

    public FixedFaceGenerator(FaceSet train, int codeDims = 1)
    {
        controller = new ExpressionController(train.ClassCount, codeDims);
        Info = new GeneratorInfo(train.ClassNames, train.Channels, train.Height, train.Width, train.Channels * train.Height * train.Width, codeDims);
        faces = stack(Enumerable.Range(0, train.ClassCount).Select(c =>
        {
            using var rows = tensor(Enumerable.Range(0, train.Count).Where(i => train.Labels[i] == c).Select(i => (long)i).ToArray());
            using var images = train.Images.index_select(0, rows);
            return images.mean([0]);
        }).ToArray());
    }

    public GeneratorInfo Info { get; }
    public Device Device => CPU;
    public Tensor Encode(Tensor images) => images.flatten(1).clone();
    public Tensor Decode(Tensor z, Tensor code) => faces.index_select(0, code.view(z.shape[0], Info.Classes, Info.CodeDims).mean([2]).argmax(1));
    public Tensor Edit(Tensor images, Tensor code) => Decode(Encode(images), code);
    public Tensor Code(long[] targets, float[] intensities) => controller.Code(targets, intensities, CPU);

    public void Dispose()
    {
        faces.Dispose();
        controller.Dispose();
    }
}

/// <summary>
/// A perfect editor of procedural faces: it knows which identity every face it has seen shows (z = one-hot identity)
/// and re-renders that identity exactly in the target expression at the code's intensity. Edits are then as good as
/// real faces: high edit accuracy, intensity control and identity.
/// </summary>
sealed class OracleGenerator : IExpressionGenerator
{
    readonly ProceduralFaces faces;
    readonly ExpressionController controller;
    readonly Dictionary<string, int> identityOf = new();

    public OracleGenerator(ProceduralFaces faces, FaceSet known, int codeDims = 2)
    {
        this.faces = faces;
        controller = new ExpressionController(faces.ClassNames.Count, codeDims);
        var channels = faces.LoadOptions.Channels;
        Info = new GeneratorInfo(faces.ClassNames, channels, faces.Height, faces.Width, faces.Identities.Count, codeDims);
        using var cpu = known.Images.contiguous();
        var len = channels * faces.Height * faces.Width;
        var pixels = cpu.data<float>().ToArray();
        for (var i = 0; i < known.Count; i++)
            identityOf[Key(pixels.AsSpan(i * len, len))] = int.Parse(known.Subjects[i]![1..]) - 1;
    }

    public GeneratorInfo Info { get; }
    public Device Device => CPU;

    public Tensor Encode(Tensor images)
    {
        var n = (int)images.shape[0];
        var len = Info.Channels * Info.Height * Info.Width;
        using var cpu = images.cpu().contiguous();
        var pixels = cpu.data<float>().ToArray();
        var z = new float[n * Info.ZDim];
        for (var i = 0; i < n; i++)
        {
            var key = Key(pixels.AsSpan(i * len, len));
            if (!identityOf.TryGetValue(key, out var id)) throw new InvalidOperationException("The oracle was shown a face it did not make or know.");
            z[i * Info.ZDim + id] = 1;
        }
        return tensor(z).reshape(n, Info.ZDim);
    }

    public Tensor Edit(Tensor images, Tensor code) => Decode(Encode(images), code);

    public Tensor Decode(Tensor z, Tensor code)
    {
        var n = (int)z.shape[0];
        int k = Info.Classes, d = Info.CodeDims, len = Info.Channels * Info.Height * Info.Width;
        var ids = z.argmax(1).data<long>().ToArray();
        using var blocks = code.cpu().view(n, k, d).mean([2]);
        var means = blocks.data<float>().ToArray();
        var output = new float[n * len];
        for (var i = 0; i < n; i++)
        {
            var row = means.AsSpan(i * k, k).ToArray();
            var target = Array.IndexOf(row, row.Max());
            var intensity = Math.Clamp(row[target], 0f, 1f);
            var image = faces.RenderOne((int)ids[i], faces.ClassNames[target], intensity).Pixels;
            image.CopyTo(output, i * len);
            identityOf[Key(image)] = (int)ids[i];
        }
        return tensor(output).reshape(n, Info.Channels, Info.Height, Info.Width);
    }

    public Tensor Code(long[] targets, float[] intensities) => controller.Code(targets, intensities, CPU);

    public void Dispose() => controller.Dispose();

    static string Key(ReadOnlySpan<float> pixels) => Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels)));
}
