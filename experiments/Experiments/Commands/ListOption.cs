namespace Augment.Experiments.Commands;

/// <summary>Comma-separated integer options (--counts, --seeds, --gan-epochs), with errors naming the option.</summary>
static class ListOption
{
    /// <summary>Parses 'text'; refuses empty lists, non-integers, values outside [min, max] and (unless allowed) duplicates.</summary>
    public static int[] Parse(string text, string option, int min, int max, bool allowDuplicates = false)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || parts.All(p => p.Length == 0)) throw new ArgumentException($"{option} is empty; give comma-separated integers.");
        var values = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out values[i]))
                throw new ArgumentException($"{option} expects comma-separated integers; '{parts[i]}' in '{text}' is not one.");
            if (values[i] < min || values[i] > max)
                throw new ArgumentException($"{option}: {values[i]} is out of range; each value must be between {min} and {max}.");
        }
        if (!allowDuplicates && values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1) is { } dup)
            throw new ArgumentException($"{option} lists {dup.Key} more than once.");
        return values;
    }
}
