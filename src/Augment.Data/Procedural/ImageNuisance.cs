namespace Augment.Data.Procedural;

/// <summary>
/// Per-image variation that is neither identity nor expression: head shift (canvas units), rotation (degrees),
/// scale, a directional light (angle in degrees, strength 0..1), background tone and overall brightness.
/// </summary>
public sealed record ImageNuisance(float ShiftX, float ShiftY, float Rotation, float Scale, float LightAngle, float LightStrength,
    float Background, float Brightness)
{
    /// <summary>No shift, rotation or light; mid-gray background.</summary>
    public static ImageNuisance None { get; } = new(0, 0, 0, 1, 0, 0, 0.5f, 0);

    /// <summary>Mild variation, as in a set of roughly aligned, cropped face photos.</summary>
    public static ImageNuisance Sample(Random rng)
    {
        float U(float lo, float hi) => lo + (float)rng.NextDouble() * (hi - lo);
        return new(U(-2.5f, 2.5f), U(-2.5f, 2.5f), U(-5f, 5f), U(0.95f, 1.05f), U(0f, 360f), U(0f, 0.3f), U(0.15f, 0.9f), U(-0.06f, 0.06f));
    }
}
