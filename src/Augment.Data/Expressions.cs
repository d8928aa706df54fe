namespace Augment.Data;

/// <summary>
/// The canonical expression list, in the ExprGAN paper's (Oulu-CASIA) order, so every data set agrees on
/// label indices. Contempt and neutral come after the six basic classes and are opt-in.
/// </summary>
public static class Expressions
{
    public const string Anger = "anger", Disgust = "disgust", Fear = "fear", Happiness = "happiness",
        Sadness = "sadness", Surprise = "surprise", Contempt = "contempt", Neutral = "neutral";

    /// <summary>Every class Augment knows, in label order.</summary>
    public static readonly IReadOnlyList<string> All = [Anger, Disgust, Fear, Happiness, Sadness, Surprise, Contempt, Neutral];

    /// <summary>The six classes of the paper.</summary>
    public static readonly IReadOnlyList<string> Paper = [Anger, Disgust, Fear, Happiness, Sadness, Surprise];

    static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["anger"] = Anger, ["angry"] = Anger, ["an"] = Anger,
        ["disgust"] = Disgust, ["disgusted"] = Disgust, ["di"] = Disgust,
        ["fear"] = Fear, ["fearful"] = Fear, ["afraid"] = Fear, ["fe"] = Fear,
        ["happiness"] = Happiness, ["happy"] = Happiness, ["joy"] = Happiness, ["ha"] = Happiness,
        ["sadness"] = Sadness, ["sad"] = Sadness, ["sa"] = Sadness,
        ["surprise"] = Surprise, ["surprised"] = Surprise, ["su"] = Surprise,
        ["contempt"] = Contempt, ["co"] = Contempt,
        ["neutral"] = Neutral, ["ne"] = Neutral,
    };

    /// <summary>Canonical name for a folder or label name, or null when it is not an expression Augment knows.</summary>
    public static string? Canonical(string name) => Synonyms.TryGetValue(name.Trim(), out var c) ? c : null;

    /// <summary>Orders a set of canonical names by label order.</summary>
    public static IReadOnlyList<string> InPaperOrder(IEnumerable<string> names) =>
        names.Select(n => Canonical(n) ?? throw new ArgumentException($"'{n}' is not a known expression (known: {string.Join(", ", All)})."))
             .Distinct().OrderBy(n => IndexOf(n)).ToArray();

    static int IndexOf(string canonical) => All.ToList().IndexOf(canonical);
}
