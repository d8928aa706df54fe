using TorchSharp;
using static TorchSharp.torch;

namespace Augment.ExprGan.Editing;

/// <summary>One gallery image found by <see cref="ExpressionEditor.Retrieve"/>: its index, code distance and read class.</summary>
public sealed record RetrievalHit(int Index, float Distance, long Label);

/// <summary>
/// Expression editing with a trained generator: re-render faces in a target expression at a chosen intensity,
/// transfer the expression of one face onto another, and retrieve faces by expression code. Transfer and Retrieve
/// read expressions through Q, so they need an <see cref="ExpressionReader"/> (the generator checkpoint written by
/// the trainer carries one; <see cref="Load"/> picks it up when present).
/// </summary>
public sealed class ExpressionEditor : IDisposable
{
    readonly bool owned;

    public ExpressionEditor(ExprGanGenerator generator, ExpressionReader? reader = null, bool ownsComponents = false)
    {
        Generator = generator;
        Reader = reader;
        owned = ownsComponents;
    }

    public ExprGanGenerator Generator { get; }
    public ExpressionReader? Reader { get; }

    /// <summary>Loads a generator checkpoint and, when the file has one, its expression reader.</summary>
    public static ExpressionEditor Load(string path, Device device)
    {
        var generator = ExprGanGenerator.Load(path, device);
        var (header, stream) = Checkpoints.GeneratorFile.Open(path);
        stream.Dispose();
        return new ExpressionEditor(generator, header.HasReader ? ExpressionReader.Load(path, device) : null, ownsComponents: true);
    }

    /// <summary>Every image re-rendered in one target expression at intensity in [0, 1] (0 = nearly neutral).</summary>
    public Tensor Edit(Tensor images, int targetExpression, float intensity)
    {
        var n = (int)images.shape[0];
        return Edit(images, Enumerable.Repeat((long)targetExpression, n).ToArray(), Enumerable.Repeat(intensity, n).ToArray());
    }

    /// <summary>Image i re-rendered in targets[i] at intensities[i].</summary>
    public Tensor Edit(Tensor images, long[] targets, float[] intensities)
    {
        if (targets.Length != images.shape[0]) throw new ArgumentException($"{targets.Length} targets for {images.shape[0]} images.");
        using var scope = NewDisposeScope();
        return Generator.Edit(images, Generator.Code(targets, intensities)).MoveToOuterDisposeScope();
    }

    /// <summary>Every image in one target expression with a separate intensity per code dimension (length d, each in [0, 1]).</summary>
    public Tensor Edit(Tensor images, int targetExpression, float[] intensityPerDimension)
    {
        var a = Generator.Architecture;
        if (intensityPerDimension.Length != a.CodeDims)
            throw new ArgumentException($"Need {a.CodeDims} intensities (one per code dimension), got {intensityPerDimension.Length}.");
        if (intensityPerDimension.Any(v => !(v >= 0 && v <= 1))) throw new ArgumentException("Intensities must be in [0, 1].");
        if (targetExpression < 0 || targetExpression >= a.Classes) throw new ArgumentException($"Target {targetExpression} is outside the {a.Classes} classes.");
        var n = images.shape[0];
        using var scope = NewDisposeScope();
        var y = nn.functional.one_hot(full(n, (long)targetExpression, ScalarType.Int64, device: Generator.Device), a.Classes);
        var zy = tensor(intensityPerDimension, device: Generator.Device).unsqueeze(0).expand(n, a.CodeDims);
        var code = Generator.Controller.forward(y, zy);
        return Generator.Edit(images, code).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Faces of identityImages wearing the expressions of expressionImages (same count, or one expression image for
    /// all): z from the first, code read by Q from the second.
    /// </summary>
    public Tensor Transfer(Tensor identityImages, Tensor expressionImages)
    {
        var reader = RequireReader(nameof(Transfer));
        var n = identityImages.shape[0];
        var m = expressionImages.shape[0];
        if (m != n && m != 1) throw new ArgumentException($"Give one expression image or one per identity image ({n}), got {m}.");
        using var scope = NewDisposeScope();
        var code = reader.Read(expressionImages).Codes;
        if (m == 1) code = code.expand(n, code.shape[1]);
        return Generator.Edit(identityImages, code).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The k gallery images nearest in expression code to the query: a 1 x K*d code (e.g. from Generator.Code) or
    /// one image 1 x C x H x W (its code read by Q). Euclidean distance between codes; nearest first.
    /// </summary>
    public IReadOnlyList<RetrievalHit> Retrieve(Tensor query, int k, Tensor galleryImages)
    {
        var reader = RequireReader(nameof(Retrieve));
        if (k < 1) throw new ArgumentException($"k must be >= 1, got {k}.");
        using var scope = NewDisposeScope();
        var queryCode = query.dim() switch
        {
            2 when query.shape[1] == Generator.Architecture.CodeSize => query.On(Generator.Device),
            4 => reader.Read(query).Codes,
            _ => throw new ArgumentException($"Query must be a 1 x {Generator.Architecture.CodeSize} code or one image, got [{string.Join(", ", query.shape)}]."),
        };
        if (queryCode.shape[0] != 1) throw new ArgumentException($"Give one query, got {queryCode.shape[0]}.");
        var gallery = reader.Read(galleryImages);
        var distances = gallery.Codes.sub(queryCode).pow(2).sum(1).sqrt().cpu().data<float>().ToArray();
        return distances.Select((d, i) => new RetrievalHit(i, d, gallery.Labels[i]))
            .OrderBy(h => h.Distance).ThenBy(h => h.Index).Take(k).ToList();
    }

    ExpressionReader RequireReader(string operation) => Reader ?? throw new InvalidOperationException(
        $"{operation} reads expressions through Q, but this generator has no expression reader: load a checkpoint written by the trainer.");

    public void Dispose()
    {
        if (!owned) return;
        Reader?.Dispose();
        Generator.Dispose();
    }
}
