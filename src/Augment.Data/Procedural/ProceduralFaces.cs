using Augment.Core;
using Augment.Data.Imaging;
using Augment.Data.Loading;
using static TorchSharp.torch;

namespace Augment.Data.Procedural;

/// <summary>One face to render: identity index, canonical expression, intensity and the per-image nuisance.</summary>
public sealed record FaceSpec(int Identity, string Expression, float Intensity, ImageNuisance Nuisance);

/// <summary>
/// The embedded default data set: procedurally drawn faces, deterministic from a seed, with ground truth for
/// identity (<see cref="Identities"/>, subjects P0001...) and intensity (<see cref="FaceSet.Intensities"/>).
/// Needs no files, so the project builds, tests and runs its sweep anywhere.
/// </summary>
public sealed class ProceduralFaces : IFaceSetLoader
{
    /// <summary>The side faces are drawn at when the load options ask for no size (CK+48's files are 48, these 64).</summary>
    public const int SourceSize = 64;

    public ProceduralFaces(ProceduralOptions? options = null, FaceLoadOptions? load = null)
    {
        Options = options ?? new ProceduralOptions();
        LoadOptions = load ?? new FaceLoadOptions();
        Options.Validate();
        LoadOptions.Validate();
        Width = LoadOptions.Width ?? SourceSize;
        Height = LoadOptions.Height ?? SourceSize;
        if (Width < 8 || Height < 8) throw new ArgumentException($"Procedural faces need at least 8x8 pixels, got {Width}x{Height}.");
        ClassNames = LoadOptions.ResolvedClasses();
        Identities = Enumerable.Range(1, Options.Identities)
            .Select(i => FaceIdentity.Sample(i, new Random(Seeding.Derive(Seed, "identity", i)))).ToArray();
    }

    public string Name => "procedural";
    public string Source => $"embedded generator (seed {Seed}, {Options.Identities} identities)";
    public ProceduralOptions Options { get; }
    /// <summary>Size, channels, classes, limit and seed, as for every other data set; the seed also draws the faces.</summary>
    public FaceLoadOptions LoadOptions { get; }
    public int Width { get; }
    public int Height { get; }
    int Seed => LoadOptions.Seed;
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The identities' face parameters; identity i (1-based) is subject <c>P{i:D4}</c> and sits at index i - 1.</summary>
    public IReadOnlyList<FaceIdentity> Identities { get; }

    /// <summary>The images of the set: each identity in each class, intensities and nuisances drawn from the seed.</summary>
    public IReadOnlyList<FaceSpec> Specs()
    {
        var specs = new List<FaceSpec>();
        for (var i = 0; i < Identities.Count; i++)
            foreach (var expression in ClassNames)
                for (var k = 0; k < Options.ImagesPerExpression; k++)
                {
                    var rng = new Random(Seeding.Derive(Seed, "image", i, expression, k));
                    var intensity = expression == Expressions.Neutral ? 0f
                        : Options.MinIntensity + (float)rng.NextDouble() * (Options.MaxIntensity - Options.MinIntensity);
                    specs.Add(new FaceSpec(i, expression, intensity, Options.Nuisance ? ImageNuisance.Sample(rng) : ImageNuisance.None));
                }
        return ImageEntries.Choose(specs, LoadOptions.MaxImages, Seed);
    }

    public FaceSet Load(out LoadReport report, IProgressSink? progress = null)
    {
        var set = Render(Specs(), progress);
        report = new LoadReport(Name, Source, set.Count, [],
            [$"{Options.Identities} identities x {ClassNames.Count} classes x {Options.ImagesPerExpression} images, " +
             $"intensity uniform in [{Options.MinIntensity}, {Options.MaxIntensity}], nuisance {(Options.Nuisance ? "on" : "off")}."]);
        return set;
    }

    /// <summary>Renders any list of faces of this set's identities into a <see cref="FaceSet"/> (labels over this set's classes).</summary>
    public FaceSet Render(IReadOnlyList<FaceSpec> specs, IProgressSink? progress = null)
    {
        if (specs.Count == 0) throw new ArgumentException("Nothing to render.");
        int c = LoadOptions.Channels, h = Height, w = Width, len = c * h * w;
        var labels = specs.Select(s => LabelOf(s.Expression)).ToArray();
        if (specs.FirstOrDefault(s => s.Identity < 0 || s.Identity >= Identities.Count) is { } bad)
            throw new ArgumentOutOfRangeException(nameof(specs), $"Identity index {bad.Identity} outside 0..{Identities.Count - 1}.");
        var data = new float[(long)len * specs.Count];
        var tracker = new ProgressTracker(progress ?? NullProgress.Instance, "render procedural faces", specs.Count, "img");
        var gate = new object();
        // Each image depends only on its spec, so rendering in parallel stays deterministic.
        Parallel.For(0, specs.Count, () => new FaceRenderer(w, h), (i, _, renderer) =>
        {
            var s = specs[i];
            var image = renderer.Render(Identities[s.Identity], ExpressionPose.For(s.Expression).At(s.Intensity), s.Nuisance, c);
            Array.Copy(image.Pixels, 0, data, (long)i * len, len);
            lock (gate) tracker.Advance();
            return renderer;
        }, renderer => renderer.Dispose());
        return new FaceSet(Name, tensor(data, [specs.Count, c, h, w]), labels, ClassNames,
            specs.Select(s => (string?)Identities[s.Identity].Subject).ToArray(),
            specs.Select(s => s.Intensity).ToArray(),
            specs.Select(SourceOf).ToArray());
    }

    /// <summary>The source name a rendered face carries: subject, expression and intensity.</summary>
    public string SourceOf(FaceSpec s) => $"procedural:{Identities[s.Identity].Subject}/{s.Expression}/{s.Intensity:0.000}";

    /// <summary>
    /// Faces of a set this loader rendered (found by their sources), each re-rendered at intensity 0 with its identity and
    /// nuisance: their true neutral versions. Intensity 0 is the neutral pose whatever the expression, so each keeps its label.
    /// </summary>
    public FaceSet NeutralVersions(FaceSet rendered)
    {
        var bySource = Specs().ToDictionary(SourceOf);
        var specs = (rendered.Sources ?? throw new ArgumentException($"{rendered.Name}: the faces carry no sources, so their specs cannot be found."))
            .Select(src => bySource.TryGetValue(src, out var s) ? s with { Intensity = 0f }
                : throw new ArgumentException($"{rendered.Name}: '{src}' is not a face of this procedural set."))
            .ToList();
        return Render(specs);
    }

    /// <summary>One face as floats, for previews and tests.</summary>
    public ImageData RenderOne(int identity, string expression, float intensity, ImageNuisance? nuisance = null)
    {
        using var renderer = new FaceRenderer(Width, Height);
        return renderer.Render(Identities[identity], ExpressionPose.For(expression).At(intensity), nuisance ?? ImageNuisance.None, LoadOptions.Channels);
    }

    int LabelOf(string expression)
    {
        var canonical = Expressions.Canonical(expression) ?? throw new ArgumentException($"'{expression}' is not a known expression.");
        for (var i = 0; i < ClassNames.Count; i++)
            if (ClassNames[i] == canonical) return i;
        throw new ArgumentException($"'{expression}' is not among this set's classes ({string.Join(", ", ClassNames)}).");
    }
}
