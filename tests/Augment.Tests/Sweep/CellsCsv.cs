namespace Augment.Tests.Sweep;

/// <summary>cells.csv as older versions wrote it: the same file without some columns.</summary>
static class CellsCsv
{
    /// <summary>Rewrites the file without the named columns.</summary>
    public static void DropColumns(string path, params string[] names)
    {
        var rows = File.ReadAllLines(path).Select(Split).ToList();
        var keep = Enumerable.Range(0, rows[0].Count).Where(i => !names.Contains(rows[0][i])).ToList();
        Assert.Equal(rows[0].Count - names.Length, keep.Count);   // every named column was there
        File.WriteAllLines(path, rows.Select(r => string.Join(",", keep.Select(i => r[i]))));
    }

    /// <summary>The fields of one line, quotes kept (confusion matrices and CPU names may be quoted).</summary>
    static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (var c in line)
        {
            if (c == '"') { quoted = !quoted; sb.Append(c); }
            else if (c == ',' && !quoted) { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }
}
