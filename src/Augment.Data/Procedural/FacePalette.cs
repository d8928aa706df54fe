using SkiaSharp;

namespace Augment.Data.Procedural;

/// <summary>The colours of one identity, derived from its tones; chosen so features keep contrast in grayscale too.</summary>
public sealed record FacePalette(SKColor Skin, SKColor SkinShade, SKColor Hair, SKColor Brow, SKColor Lip, SKColor Iris, SKColor Line)
{
    public static FacePalette Of(FaceIdentity id)
    {
        var skin = Lerp((0.42f, 0.28f, 0.20f), (0.97f, 0.85f, 0.76f), id.SkinTone);
        var hair = id.HairTone < 0.6f
            ? Lerp((0.07f, 0.06f, 0.05f), (0.40f, 0.26f, 0.14f), id.HairTone / 0.6f)
            : Lerp((0.40f, 0.26f, 0.14f), (0.86f, 0.74f, 0.48f), (id.HairTone - 0.6f) / 0.4f);
        // Brows stay clearly darker than skin even for fair hair, or they vanish at 48 px.
        var brow = Min(Scale(hair, 0.85f), Scale(skin, 0.42f));
        var lip = Lerp(Scale(skin, 0.78f), (0.62f, 0.26f, 0.28f), 0.35f + 0.45f * id.LipTone);
        lip = Min(lip, Scale(skin, 0.8f));
        var iris = Lerp((0.18f, 0.11f, 0.06f), (0.38f, 0.50f, 0.60f), id.IrisTone);
        return new FacePalette(ToColor(skin), ToColor(Scale(skin, 0.78f)), ToColor(hair), ToColor(brow), ToColor(lip), ToColor(iris),
            ToColor(Scale(skin, 0.45f)));
    }

    static (float R, float G, float B) Lerp((float R, float G, float B) a, (float R, float G, float B) b, float t) =>
        (a.R + (b.R - a.R) * t, a.G + (b.G - a.G) * t, a.B + (b.B - a.B) * t);

    static (float R, float G, float B) Scale((float R, float G, float B) c, float s) => (c.R * s, c.G * s, c.B * s);

    static (float R, float G, float B) Min((float R, float G, float B) a, (float R, float G, float B) b) =>
        Luma(a) <= Luma(b) ? a : b;

    static float Luma((float R, float G, float B) c) => 0.299f * c.R + 0.587f * c.G + 0.114f * c.B;

    public static SKColor ToColor((float R, float G, float B) c, float alpha = 1f) =>
        new(B(c.R), B(c.G), B(c.B), B(alpha));

    static byte B(float v) => (byte)Math.Clamp(MathF.Round(v * 255f), 0f, 255f);

    /// <summary>The colour with its alpha multiplied by a (clamped to [0, 1]).</summary>
    public static SKColor Fade(SKColor c, float a) => c.WithAlpha((byte)Math.Clamp(MathF.Round(c.Alpha * a), 0f, 255f));

    /// <summary>Gray of a given level.</summary>
    public static SKColor Gray(float v) => ToColor((v, v, v));
}
