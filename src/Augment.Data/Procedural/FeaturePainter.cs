using SkiaSharp;

namespace Augment.Data.Procedural;

/// <summary>
/// Draws the moving parts of a face (brows, eyes, nose, mouth, wrinkles) for one identity in one pose, on a
/// 100 x 100 unit canvas. Every movement is a continuous function of the pose, so a zero pose gives the
/// same neutral face whatever the expression.
/// </summary>
internal sealed class FeaturePainter(SKCanvas canvas, FaceIdentity id, FacePalette palette, ExpressionPose p, float cx, float eyeY)
{
    float Ex => id.EyeSpacing;
    float EyeHalfWidth => 7f * id.EyeSize;
    float EyeHalfHeight => 3.6f * id.EyeSize;
    float BrowY => eyeY - id.BrowGap;
    float NoseBottom => eyeY + id.NoseLength - 1.5f * Math.Max(0f, p.NoseWrinkle);
    float NoseHalfWidth => id.NoseWidth * (1f + 0.18f * Math.Max(0f, p.NoseWrinkle));
    float MouthY => eyeY + id.NoseLength + 11.5f;
    float MouthHalfWidth => id.MouthWidth * (1f + 0.3f * p.LipStretch + 0.12f * Math.Max(0f, p.CornerUp) - 0.42f * p.MouthRound);

    public void Draw()
    {
        Wrinkles();
        Eyes();
        Brows();
        Nose();
        Folds();
        Mouth();
    }

    void Brows()
    {
        foreach (var side in new[] { -1f, 1f })
        {
            var innerX = cx + side * (Ex - 0.85f * EyeHalfWidth - 3f * p.BrowTogether);
            var outerX = cx + side * (Ex + 1.2f * EyeHalfWidth);
            var innerY = BrowY - 5f * p.BrowInner + 0.6f * p.BrowTogether;
            var outerY = BrowY - 1.2f - 4.5f * p.BrowOuter - 1.5f * Math.Max(0f, p.BrowInner) * Math.Max(0f, p.BrowOuter);
            var arch = 1.2f + 2f * id.BrowArch + 1.5f * Math.Max(0f, p.BrowOuter) - 1.2f * Math.Max(0f, p.BrowInner - p.BrowOuter);
            var ctrl = new SKPoint((innerX + outerX) / 2f + side * 1.5f, Math.Min(innerY, outerY) - 2f * arch + Math.Abs(innerY - outerY) * 0.5f);
            using var path = new SKPath();
            path.MoveTo(innerX, innerY);
            path.QuadTo(ctrl, new SKPoint(outerX, outerY));
            using var paint = Stroke(palette.Brow, id.BrowThickness);
            canvas.DrawPath(path, paint);
        }
    }

    void Eyes()
    {
        var open = p.EyeOpen;
        var upper = EyeHalfHeight * Math.Max(0.35f, open >= 0 ? 1f + 0.8f * open : 1f + 0.75f * open);
        var lower = EyeHalfHeight * Math.Max(0.25f, 0.8f + 0.45f * Math.Max(0f, open) - 0.35f * Math.Max(0f, -open) - 0.35f * p.CheekRaise);
        foreach (var side in new[] { -1f, 1f })
        {
            var ex = cx + side * Ex;
            using var eye = new SKPath();
            eye.MoveTo(ex - EyeHalfWidth, eyeY);
            eye.QuadTo(ex - 0.1f * side * EyeHalfWidth, eyeY - 2f * upper, ex + EyeHalfWidth, eyeY);
            eye.QuadTo(ex, eyeY + 2f * lower, ex - EyeHalfWidth, eyeY);
            eye.Close();
            using (var white = Fill(FacePalette.Gray(0.93f))) canvas.DrawPath(eye, white);
            canvas.Save();
            canvas.ClipPath(eye, antialias: true);
            var r = EyeHalfHeight * 1.05f;
            using (var iris = Fill(palette.Iris)) canvas.DrawCircle(ex, eyeY + 0.2f, r, iris);
            using (var pupil = Fill(FacePalette.Gray(0.04f))) canvas.DrawCircle(ex, eyeY + 0.2f, r * 0.45f, pupil);
            canvas.Restore();
            using var lid = new SKPath();
            lid.MoveTo(ex - EyeHalfWidth - 0.5f, eyeY + 0.3f);
            lid.QuadTo(ex - 0.1f * side * EyeHalfWidth, eyeY - 2f * upper, ex + EyeHalfWidth + 0.8f, eyeY + 0.2f);
            using (var lash = Stroke(FacePalette.Gray(0.08f), 1.5f)) canvas.DrawPath(lid, lash);
            using var under = new SKPath();
            under.MoveTo(ex - EyeHalfWidth, eyeY);
            under.QuadTo(ex, eyeY + 2f * lower, ex + EyeHalfWidth, eyeY);
            using (var line = Stroke(FacePalette.Fade(palette.Line, 0.7f), 0.7f)) canvas.DrawPath(under, line);
            // Raised cheeks push a fold up under the eye (Duchenne smile, disgust).
            var cheek = Math.Clamp(p.CheekRaise, 0f, 1f);
            if (cheek > 0f)
            {
                using var fold = new SKPath();
                fold.MoveTo(ex - EyeHalfWidth * 0.9f, eyeY + lower + 2.2f);
                fold.QuadTo(ex, eyeY + lower + 4.5f, ex + EyeHalfWidth * 0.9f, eyeY + lower + 2.2f);
                using var line = Stroke(FacePalette.Fade(palette.Line, 0.75f * cheek), 1.1f);
                canvas.DrawPath(fold, line);
            }
        }
    }

    void Nose()
    {
        var nb = NoseBottom;
        var nw = NoseHalfWidth;
        using (var bridge = Stroke(FacePalette.Fade(palette.SkinShade, 0.9f), 1.4f))
        {
            using var path = new SKPath();
            path.MoveTo(cx - 3.2f, eyeY + 1.5f);
            path.QuadTo(cx - 3.8f, nb - 6f, cx - nw * 0.75f, nb - 3.2f);
            canvas.DrawPath(path, bridge);
        }
        using var wing = Stroke(palette.Line, 1.2f);
        foreach (var side in new[] { -1f, 1f })
        {
            using var path = new SKPath();
            path.MoveTo(cx + side * nw, nb - 3.5f);
            path.QuadTo(cx + side * (nw + 1.2f), nb + 0.3f, cx + side * nw * 0.35f, nb + 0.4f);
            canvas.DrawPath(path, wing);
            using var nostril = Fill(FacePalette.Fade(palette.Line, 0.9f));
            canvas.DrawOval(cx + side * nw * 0.45f, nb - 0.6f, 1.7f, 1.0f, nostril);
        }
        var wrinkle = Math.Clamp(p.NoseWrinkle, 0f, 1f);
        if (wrinkle <= 0f) return;
        // Wrinkles across the bridge and up the sides of the nose (AU9 bunches the skin there).
        using var w = Stroke(FacePalette.Fade(palette.Line, 0.85f * wrinkle), 0.9f);
        for (var k = 0; k < 2; k++)
        {
            var y = eyeY + 3f + 2.6f * k;
            using var path = new SKPath();
            path.MoveTo(cx - 3.5f, y + 0.8f);
            path.QuadTo(cx, y - 1.4f, cx + 3.5f, y + 0.8f);
            canvas.DrawPath(path, w);
        }
        foreach (var side in new[] { -1f, 1f })
            canvas.DrawLine(cx + side * 4.2f, eyeY + 5f, cx + side * 5.5f, eyeY + 8.5f, w);
    }

    void Folds()
    {
        // Nasolabial folds: faint at rest, deep when cheeks rise, the nose wrinkles or the lips stretch.
        var depth = Math.Clamp(0.08f + 0.65f * Math.Max(Math.Max(p.CheekRaise, p.NoseWrinkle), 0.7f * p.LipStretch), 0f, 1f);
        var (left, right) = Corners();
        foreach (var (side, corner) in new[] { (-1f, left), (1f, right) })
        {
            // Bulges outward like a bracket, from beside the nose wing to just outside the lip corner.
            using var path = new SKPath();
            path.MoveTo(cx + side * (NoseHalfWidth + 3f), NoseBottom - 5f);
            path.CubicTo(cx + side * (NoseHalfWidth + 8f + 2f * p.CheekRaise), NoseBottom - 2f,
                corner.X + side * 6f, corner.Y - 3f, corner.X + side * 3.5f, corner.Y + 2f);
            using var paint = Stroke(FacePalette.Fade(palette.Line, depth), 1.1f);
            canvas.DrawPath(path, paint);
        }
    }

    (SKPoint Left, SKPoint Right) Corners()
    {
        var hw = MouthHalfWidth;
        var up = 5.5f * p.CornerUp;
        return (new SKPoint(cx - hw, MouthY - up - 3.5f * p.Asymmetry), new SKPoint(cx + hw, MouthY - up + 1.2f * p.Asymmetry));
    }

    void Mouth()
    {
        var (l, r) = Corners();
        var gap = 11f * Math.Max(0f, p.MouthOpen);
        var raise = 2.4f * Math.Max(0f, p.UpperLipRaise);
        var upperX = cx - 3f * p.Asymmetry * Math.Max(0f, p.UpperLipRaise);
        var upperInner = new SKPoint(upperX, MouthY - 0.8f * p.MouthOpen - raise - 3.2f * p.MouthRound * p.MouthOpen);
        var lowerInner = new SKPoint(cx, MouthY + gap);
        var thin = (1f - 0.75f * Math.Clamp(p.LipPress, 0f, 1f)) * (1f - 0.3f * Math.Clamp(p.LipStretch, 0f, 1f));
        var upperOuter = upperInner with { Y = upperInner.Y - 3.2f * id.LipThickness * thin - 0.4f };
        var lowerOuter = lowerInner with { Y = lowerInner.Y + 4.2f * id.LipThickness * thin + 0.4f };

        using var mouth = Lens(l, r, upperInner, lowerInner);
        using (var inside = Fill(FacePalette.ToColor((0.16f, 0.06f, 0.07f)))) canvas.DrawPath(mouth, inside);
        canvas.Save();
        canvas.ClipPath(mouth, antialias: true);
        // Teeth show when the lips retract (smile, snarl, stretch); a dropped jaw alone shows a dark mouth.
        var retraction = Math.Clamp(0.15f + Math.Max(0f, p.UpperLipRaise) + Math.Max(0f, p.CornerUp) + Math.Max(0f, p.LipStretch), 0f, 1f);
        var teeth = retraction * Math.Min(7.2f, 1.1f * (lowerInner.Y - upperInner.Y));
        using (var band = Band(l, r, upperInner, teeth))
        using (var white = Fill(FacePalette.Gray(0.92f))) canvas.DrawPath(band, white);
        canvas.Restore();

        using (var lip = Fill(palette.Lip))
        {
            using var upper = Lens(l, r, upperOuter, upperInner);
            canvas.DrawPath(upper, lip);
            using var lower = Lens(l, r, lowerInner, lowerOuter);
            canvas.DrawPath(lower, lip);
        }
        var press = Math.Clamp(p.LipPress, 0f, 1f);
        using (var line = Stroke(FacePalette.Gray(0.1f + 0.2f * (1f - press)), 1.2f + 0.6f * press))
        using (var seam = Curve(l, r, upperInner))
            canvas.DrawPath(seam, line);
        using var dot = Fill(FacePalette.Fade(palette.Line, 0.8f));
        canvas.DrawCircle(l, 0.9f, dot);
        canvas.DrawCircle(r, 0.9f, dot);
    }

    void Wrinkles()
    {
        var raise = Math.Clamp((p.BrowInner + Math.Max(0f, p.BrowOuter)) / 2f - 0.25f, 0f, 1f);
        if (raise > 0f)
        {
            using var line = Stroke(FacePalette.Fade(palette.Line, raise * 0.9f), 0.9f);
            for (var k = 0; k < 3; k++)
            {
                var y = BrowY - 9f - 3.4f * k;
                using var path = new SKPath();
                path.MoveTo(cx - 14f, y + 1.2f);
                path.QuadTo(cx, y - 1.5f, cx + 14f, y + 1.2f);
                canvas.DrawPath(path, line);
            }
        }
        var frown = Math.Clamp(p.BrowTogether * Math.Max(0f, -p.BrowInner) * 1.3f, 0f, 1f);
        if (frown <= 0f) return;
        using var v = Stroke(FacePalette.Fade(palette.Line, frown), 1.0f);
        foreach (var side in new[] { -1f, 1f })
            canvas.DrawLine(cx + side * 2f, BrowY - 2f, cx + side * 1.4f, BrowY + 4f, v);
    }

    /// <summary>A quadratic curve from l to r that passes through 'through' (the control point is solved for).</summary>
    static SKPath Curve(SKPoint l, SKPoint r, SKPoint through)
    {
        var path = new SKPath();
        path.MoveTo(l);
        path.QuadTo(Control(l, r, through), r);
        return path;
    }

    /// <summary>The closed region between two curves through 'top' and 'bottom' that share the end points l and r.</summary>
    static SKPath Lens(SKPoint l, SKPoint r, SKPoint top, SKPoint bottom)
    {
        var path = new SKPath();
        path.MoveTo(l);
        path.QuadTo(Control(l, r, top), r);
        path.QuadTo(Control(r, l, bottom), l);
        path.Close();
        return path;
    }

    /// <summary>The curve from l to r through 'top', thickened downward by 'height' (a band such as the upper teeth).</summary>
    static SKPath Band(SKPoint l, SKPoint r, SKPoint top, float height)
    {
        var down = new SKPoint(0, height);
        var path = new SKPath();
        path.MoveTo(l);
        path.QuadTo(Control(l, r, top), r);
        path.LineTo(r + down);
        path.QuadTo(Control(r + down, l + down, top + down), l + down);
        path.Close();
        return path;
    }

    static SKPoint Control(SKPoint a, SKPoint b, SKPoint through) =>
        new(2f * through.X - (a.X + b.X) / 2f, 2f * through.Y - (a.Y + b.Y) / 2f);

    static SKPaint Fill(SKColor c) => new() { Color = c, IsAntialias = true, Style = SKPaintStyle.Fill };

    static SKPaint Stroke(SKColor c, float width) =>
        new() { Color = c, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };
}
