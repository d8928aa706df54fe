namespace Augment.Data.Procedural;

/// <summary>
/// The face parameters of one procedural identity (lengths in units of a 100 x 100 canvas, tones in [0, 1]).
/// Kept as ground truth so later stages can check identity preservation, e.g. by nearest neighbour on <see cref="ToVector"/>.
/// </summary>
public sealed record FaceIdentity(
    int Id,
    float HeadWidth, float HeadHeight, float JawTaper,
    float SkinTone, float HairTone, float Hairline, float HairPart, float HairVolume,
    float EyeSpacing, float EyeSize, float EyeHeight, float IrisTone,
    float BrowThickness, float BrowGap, float BrowArch,
    float NoseLength, float NoseWidth,
    float MouthWidth, float LipThickness, float LipTone)
{
    /// <summary>Subject name as data sets print it: P0001 for id 1.</summary>
    public string Subject => $"P{Id:D4}";

    /// <summary>Draws an identity; each parameter is uniform within a range wide enough that people look different.</summary>
    public static FaceIdentity Sample(int id, Random rng)
    {
        float U(float lo, float hi) => lo + (float)rng.NextDouble() * (hi - lo);
        return new FaceIdentity(id,
            HeadWidth: U(36f, 43f), HeadHeight: U(48f, 55f), JawTaper: U(0f, 1f),
            SkinTone: U(0f, 1f), HairTone: U(0f, 1f), Hairline: U(0f, 1f), HairPart: U(-1f, 1f), HairVolume: U(0f, 1f),
            EyeSpacing: U(15.5f, 19f), EyeSize: U(0.85f, 1.15f), EyeHeight: U(-2f, 2f), IrisTone: U(0f, 1f),
            BrowThickness: U(2.6f, 4.2f), BrowGap: U(7.5f, 10f), BrowArch: U(0f, 1f),
            NoseLength: U(15f, 21f), NoseWidth: U(5.5f, 8f),
            MouthWidth: U(11.5f, 15f), LipThickness: U(0.8f, 1.25f), LipTone: U(0f, 1f));
    }

    /// <summary>The parameters (without Id) as one vector, each scaled to about [0, 1] so distances weigh them alike.</summary>
    public float[] ToVector() =>
    [
        (HeadWidth - 36f) / 7f, (HeadHeight - 48f) / 7f, JawTaper,
        SkinTone, HairTone, Hairline, (HairPart + 1f) / 2f, HairVolume,
        (EyeSpacing - 15.5f) / 3.5f, (EyeSize - 0.85f) / 0.3f, (EyeHeight + 2f) / 4f, IrisTone,
        (BrowThickness - 2.6f) / 1.6f, (BrowGap - 7.5f) / 2.5f, BrowArch,
        (NoseLength - 15f) / 6f, (NoseWidth - 5.5f) / 2.5f,
        (MouthWidth - 11.5f) / 3.5f, (LipThickness - 0.8f) / 0.45f, LipTone,
    ];
}
