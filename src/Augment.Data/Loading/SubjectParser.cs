using System.Text.RegularExpressions;

namespace Augment.Data.Loading;

/// <summary>
/// Finds the subject (identity) of an image from its path. Default: the CK+ naming rule S005_001_00000009.png -> S005;
/// other names give no subject. A custom pattern is matched against the path relative to the data root.
/// </summary>
public sealed partial class SubjectParser
{
    readonly Regex? _custom;

    public SubjectParser(string? pattern)
    {
        if (pattern == null) return;
        try { _custom = new Regex(pattern, RegexOptions.CultureInvariant); }
        catch (ArgumentException e) { throw new ArgumentException($"Subject pattern '{pattern}' is not a valid regex: {e.Message}", e); }
    }

    [GeneratedRegex(@"^(S\d+)_\d+_\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex CkPlusName();

    /// <summary>The subject, or null when the name does not carry one.</summary>
    public string? Parse(string root, string path)
    {
        if (_custom == null)
        {
            var m = CkPlusName().Match(Path.GetFileNameWithoutExtension(path));
            return m.Success ? m.Groups[1].Value : null;
        }
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        var match = _custom.Match(relative);
        if (!match.Success) return null;
        var named = match.Groups["subject"];
        if (named.Success) return named.Value;
        return match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
    }
}
