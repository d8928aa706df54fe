using System.Text.RegularExpressions;
using Augment.Data;

namespace Augment.Evaluation.Identity;

/// <summary>
/// Which images belong to one recorded sequence. Frames of one CK+ sequence are near-identical, so an identity
/// measure that let an image find a sibling frame would measure frame similarity, not who the person is: the
/// nearest-face search leaves the query's whole sequence out.
/// </summary>
public static partial class SequenceKeys
{
    /// <summary>How the keys were formed, for the report.</summary>
    public const string FromFileNames = "subject + session from CK+ file names (S005_001_00000009 -> S005_001)";
    public const string FromSubjectAndLabel = "subject + expression label (the source files carry no CK+ session)";

    [GeneratedRegex(@"^(S\d+_\d+)_\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex CkPlusName();

    /// <summary>
    /// One key per image (null where the subject is unknown): the CK+ session when every image's source file is named
    /// S###_###_########, else subject + label.
    /// </summary>
    public static (string?[] Keys, string Rule) Of(FaceSet set)
    {
        if (set.Sources is { } sources && set.Count > 0)
        {
            var sessions = sources.Select(s => CkPlusName().Match(Path.GetFileNameWithoutExtension(s))).ToArray();
            if (sessions.All(m => m.Success))
                return (Enumerable.Range(0, set.Count).Select(i => set.Subjects[i] == null ? null : sessions[i].Groups[1].Value).ToArray(), FromFileNames);
        }
        return (Enumerable.Range(0, set.Count).Select(i => set.Subjects[i] is { } s ? $"{s}|{set.ClassNames[set.Labels[i]]}" : null).ToArray(),
            FromSubjectAndLabel);
    }
}
