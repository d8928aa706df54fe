using Augment.Data.Imaging;
using SkiaSharp;

namespace Augment.Data.Procedural;

/// <summary>
/// Renders procedural faces with SkiaSharp (anti-aliased vector drawing) at any size. Geometry is laid out on a
/// 100 x 100 unit canvas and scaled, so a face looks the same at 48 and 128 px. One renderer per thread
/// (it reuses its bitmap).
/// </summary>
public sealed class FaceRenderer : IDisposable
{
    const float Cx = 50f, Cy = 47f, FrameY = 52f, Framing = 1.12f;
    readonly SKBitmap _bitmap;
    readonly SKCanvas _canvas;

    public FaceRenderer(int width, int height)
    {
        if (width < 8 || height < 8) throw new ArgumentException($"Procedural faces need at least 8x8 pixels, got {width}x{height}.");
        Width = width;
        Height = height;
        _bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>One face as C x H x W floats in [-1, 1] (channels 1 = luma, 3 = RGB).</summary>
    public ImageData Render(FaceIdentity id, ExpressionPose pose, ImageNuisance nuisance, int channels)
    {
        Draw(id, pose, nuisance);
        var image = ImageCodec.FromBitmap(_bitmap, new ImageReadOptions(Channels: channels));
        if (nuisance.Brightness != 0f)
        {
            var shift = 2f * nuisance.Brightness;
            var px = image.Pixels;
            for (var i = 0; i < px.Length; i++) px[i] = Math.Clamp(px[i] + shift, -1f, 1f);
        }
        return image;
    }

    void Draw(FaceIdentity id, ExpressionPose pose, ImageNuisance n)
    {
        var palette = FacePalette.Of(id);
        var c = _canvas;
        c.ResetMatrix();
        c.Clear(FacePalette.Gray(n.Background));
        c.Scale(Width / 100f, Height / 100f);
        c.Save();
        c.Translate(50f + n.ShiftX, 50f + n.ShiftY);
        c.RotateDegrees(n.Rotation);
        c.Scale(n.Scale);
        c.Translate(-50f, -50f);
        // Frame the face as tightly as the cropped face sets (CK+48, Oulu-CASIA) do: cheek to cheek, chin at the edge.
        c.Translate(Cx, FrameY);
        c.Scale(Framing);
        c.Translate(-Cx, -FrameY);

        float w = id.HeadWidth, h = id.HeadHeight, eyeY = Cy - 2f + id.EyeHeight;
        BackHair(id, palette, w, h);
        using (var neck = Fill(palette.SkinShade)) c.DrawRect(Cx - 0.5f * w, Cy + 0.5f * h, w, 60f, neck);
        using (var ear = Fill(palette.SkinShade))
            foreach (var side in new[] { -1f, 1f }) c.DrawOval(Cx + side * (w - 1f), eyeY + 4f, 4.5f, 8.5f, ear);

        using var head = HeadPath(id, w, h);
        using (var skin = Fill(palette.Skin)) c.DrawPath(head, skin);
        // Soft shading toward the rim makes the head read as round.
        using (var shade = new SKPaint { IsAntialias = true })
        {
            shade.Shader = SKShader.CreateRadialGradient(new SKPoint(Cx - 4f, Cy - 6f), 1.25f * Math.Max(w, h),
                [SKColors.Transparent, FacePalette.Fade(palette.SkinShade, 0.9f)], [0.55f, 1f], SKShaderTileMode.Clamp);
            c.DrawPath(head, shade);
        }

        c.Save();
        c.ClipPath(head, antialias: true);
        new FeaturePainter(c, id, palette, pose, Cx, eyeY).Draw();
        c.Restore();
        FrontHair(id, palette, head, w, h);
        c.Restore();
        Light(n);
        c.Flush();
    }

    static SKPath HeadPath(FaceIdentity id, float w, float h)
    {
        var chinHalf = w * (0.62f - 0.3f * id.JawTaper);
        var path = new SKPath();
        path.MoveTo(Cx, Cy - h);
        path.CubicTo(Cx + 0.6f * w, Cy - h, Cx + w, Cy - 0.6f * h, Cx + w, Cy - 0.05f * h);
        path.CubicTo(Cx + w, Cy + 0.5f * h, Cx + chinHalf, Cy + h, Cx, Cy + h);
        path.CubicTo(Cx - chinHalf, Cy + h, Cx - w, Cy + 0.5f * h, Cx - w, Cy - 0.05f * h);
        path.CubicTo(Cx - w, Cy - 0.6f * h, Cx - 0.6f * w, Cy - h, Cx, Cy - h);
        path.Close();
        return path;
    }

    static SKRect BackHairOval(FaceIdentity id, float w, float h)
    {
        var spread = 2.5f + 7f * id.HairVolume;
        return SKRect.Create(Cx - w - spread, Cy - 0.3f * h - 0.78f * h - spread, 2f * (w + spread), 2f * (0.78f * h + spread));
    }

    void BackHair(FaceIdentity id, FacePalette palette, float w, float h)
    {
        var spread = 2.5f + 7f * id.HairVolume;
        using var hair = Fill(palette.Hair);
        _canvas.DrawOval(BackHairOval(id, w, h), hair);
        if (id.HairVolume > 0.55f) // longer hair falls beside the cheeks
            _canvas.DrawRoundRect(Cx - w - spread, Cy - 0.3f * h, 2f * (w + spread), 0.75f * h * id.HairVolume + 0.3f * h, 6f, 6f, hair);
    }

    /// <summary>Hair over the forehead, clipped to head plus back hair so its edge never shows a seam of skin.</summary>
    void FrontHair(FaceIdentity id, FacePalette palette, SKPath head, float w, float h)
    {
        using var oval = new SKPath();
        oval.AddOval(BackHairOval(id, w, h));
        using var outline = head.Op(oval, SKPathOp.Union) ?? new SKPath(head);
        _canvas.Save();
        _canvas.ClipPath(outline, antialias: true);
        var top = Cy - h + 7f + 7f * id.Hairline;
        using var path = new SKPath();
        path.MoveTo(Cx - w - 3f, Cy - h - 5f);
        path.LineTo(Cx + w + 3f, Cy - h - 5f);
        path.LineTo(Cx + w + 3f, top + 12f);
        path.QuadTo(Cx + id.HairPart * 0.6f * w, top - 8f, Cx - w - 3f, top + 12f);
        path.Close();
        using var hair = Fill(palette.Hair);
        _canvas.DrawPath(path, hair);
        _canvas.Restore();
    }

    void Light(ImageNuisance n)
    {
        if (n.LightStrength <= 0f) return;
        var a = n.LightAngle * MathF.PI / 180f;
        var d = new SKPoint(50f * MathF.Cos(a), 50f * MathF.Sin(a));
        using var paint = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(50f - d.X, 50f - d.Y), new SKPoint(50f + d.X, 50f + d.Y),
                [FacePalette.Fade(SKColors.White, 0.6f * n.LightStrength), SKColors.Transparent, FacePalette.Fade(SKColors.Black, 0.6f * n.LightStrength)],
                [0f, 0.5f, 1f], SKShaderTileMode.Clamp),
        };
        _canvas.DrawRect(0, 0, 100f, 100f, paint);
    }

    static SKPaint Fill(SKColor c) => new() { Color = c, IsAntialias = true, Style = SKPaintStyle.Fill };

    public void Dispose()
    {
        _canvas.Dispose();
        _bitmap.Dispose();
    }
}
