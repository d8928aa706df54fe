using Augment.Evaluation.Editing;
using Augment.ExprGan;
using Augment.Identity;
using static TorchSharp.torch;

namespace Augment.Evaluation.Identity;

/// <summary>A space images are compared in for identity: its short name and what it is.</summary>
public sealed record FeatureSpace(string Name, string Description);

/// <summary>
/// The three spaces the nearest-face measure looks in: phi (the evaluation's ResNet18 features), pixels and the
/// encoder's z. Pixels are standardised per image (mean removed, unit length) so that cosine is the pixels' Pearson
/// correlation: a generator that only copies the input's overall brightness gains nothing from it.
/// </summary>
public static class FeatureSpaces
{
    public const string Phi = "phi", Pixels = "pixels", Z = "z";

    public static IReadOnlyList<FeatureSpace> Describe(string phiDescription) =>
    [
        new(Phi, phiDescription),
        new(Pixels, "pixels as aligned by the data set, each image centred and scaled to unit length (cosine = Pearson correlation)"),
        new(Z, "the generator's encoder output z"),
    ];

    /// <summary>Features of images (on the generator's device) in every space, on the CPU, in <see cref="Describe"/> order.</summary>
    public static Tensor[] Of(Tensor images, IIdentityNetwork phi, IExpressionGenerator generator)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var result = new[] { IdentityFeatures.Pooled(phi, images), StandardisedPixels(images), generator.Encode(images).detach().cpu() };
        foreach (var t in result) t.MoveToOuterDisposeScope();
        return result;
    }

    /// <summary>N x C*H*W: each image minus its mean pixel, divided by its length (a flat image stays all zeros).</summary>
    public static Tensor StandardisedPixels(Tensor images)
    {
        using var scope = NewDisposeScope();
        var flat = images.detach().flatten(1).cpu().to_type(ScalarType.Float32);
        var centred = flat - flat.mean([1], keepdim: true);
        return nn.functional.normalize(centred, dim: 1).MoveToOuterDisposeScope();
    }
}
