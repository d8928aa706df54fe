namespace Augment.Data.Procedural;

/// <summary>
/// Facial movements, loosely after FACS action units, each in about [-1, 1]. An expression at intensity s is
/// s times its full pose, so intensity 0 is the neutral face for every expression and each movement grows
/// continuously with s.
/// </summary>
public readonly record struct ExpressionPose(
    float BrowInner = 0,      // + inner brow ends up (AU1), - down (AU4)
    float BrowOuter = 0,      // + outer brow ends up (AU2), - down
    float BrowTogether = 0,   // + brows drawn together (AU4)
    float EyeOpen = 0,        // + upper lid raised, eyes wide (AU5); - narrowed (AU7)
    float CheekRaise = 0,     // + cheeks up, lower lids pushed up, smile folds (AU6)
    float CornerUp = 0,       // + lip corners up (AU12); - down (AU15)
    float Asymmetry = 0,      // + left side raised (corner, upper lip), right side lowered (AU14 unilateral)
    float MouthOpen = 0,      // + lips parted and jaw dropped (AU25/26)
    float MouthRound = 0,     // + mouth narrower and rounder (AU27 with a dropped jaw)
    float LipStretch = 0,     // + mouth pulled wider (AU20)
    float UpperLipRaise = 0,  // + upper lip lifted, teeth shown (AU10)
    float LipPress = 0,       // + lips pressed thin (AU23/24)
    float NoseWrinkle = 0)    // + nose wrinkled and nostrils lifted (AU9)
{
    public static ExpressionPose Neutral => default;

    /// <summary>The full (intensity 1) pose of a canonical expression.</summary>
    public static ExpressionPose For(string expression) => (Expressions.Canonical(expression) ?? expression) switch
    {
        Expressions.Anger => new(BrowInner: -1f, BrowOuter: 0.25f, BrowTogether: 1f, EyeOpen: -0.45f, CornerUp: -0.3f,
            MouthRound: 0.2f, LipPress: 1f),
        Expressions.Disgust => new(BrowInner: -0.55f, BrowOuter: -0.3f, BrowTogether: 0.45f, EyeOpen: -0.5f, CheekRaise: 0.5f,
            CornerUp: -0.35f, Asymmetry: 0.8f, MouthOpen: 0.12f, UpperLipRaise: 1f, NoseWrinkle: 1f),
        Expressions.Fear => new(BrowInner: 1f, BrowOuter: 0.3f, BrowTogether: 0.8f, EyeOpen: 0.95f, CornerUp: -0.35f,
            MouthOpen: 0.4f, LipStretch: 1f, UpperLipRaise: 0.35f),
        Expressions.Happiness => new(BrowOuter: 0.1f, EyeOpen: -0.3f, CheekRaise: 1f, CornerUp: 1f, MouthOpen: 0.45f,
            LipStretch: 0.45f, UpperLipRaise: 0.3f),
        Expressions.Sadness => new(BrowInner: 1f, BrowOuter: -0.55f, BrowTogether: 0.55f, EyeOpen: -0.4f, CornerUp: -1f,
            MouthRound: 0.2f, LipPress: 0.35f),
        Expressions.Surprise => new(BrowInner: 1f, BrowOuter: 1f, EyeOpen: 1f, MouthOpen: 1f, MouthRound: 0.6f),
        Expressions.Contempt => new(EyeOpen: -0.1f, CornerUp: 0.15f, Asymmetry: 1f, LipPress: 0.4f),
        Expressions.Neutral => default,
        _ => throw new ArgumentException($"No procedural pose for '{expression}' (known: {string.Join(", ", Expressions.All)})."),
    };

    /// <summary>This pose scaled by an intensity in [0, 1].</summary>
    public ExpressionPose At(float intensity)
    {
        var s = Math.Clamp(intensity, 0f, 1f);
        return new(BrowInner * s, BrowOuter * s, BrowTogether * s, EyeOpen * s, CheekRaise * s, CornerUp * s, Asymmetry * s,
            MouthOpen * s, MouthRound * s, LipStretch * s, UpperLipRaise * s, LipPress * s, NoseWrinkle * s);
    }
}
