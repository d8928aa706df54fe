using System.Globalization;

namespace Augment.Sweep.Results;

/// <summary>A confusion matrix as one CSV-safe field: rows separated by ';', counts by spaces.</summary>
public static class ConfusionText
{
    public static string Format(int[,] m) => string.Join(";",
        Enumerable.Range(0, m.GetLength(0)).Select(r => string.Join(" ",
            Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c].ToString(CultureInfo.InvariantCulture)))));

    public static int[,] Parse(string text, int classes)
    {
        var rows = text.Split(';');
        if (rows.Length != classes) throw new FormatException($"Confusion '{text}' has {rows.Length} rows, expected {classes}.");
        var m = new int[classes, classes];
        for (int r = 0; r < classes; r++)
        {
            var cells = rows[r].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != classes) throw new FormatException($"Confusion row {r} '{rows[r]}' has {cells.Length} counts, expected {classes}.");
            for (int c = 0; c < classes; c++) m[r, c] = int.Parse(cells[c], CultureInfo.InvariantCulture);
        }
        return m;
    }

    public static int[,] Sum(IEnumerable<int[,]> matrices, int classes)
    {
        var sum = new int[classes, classes];
        foreach (var m in matrices)
            for (int r = 0; r < classes; r++)
                for (int c = 0; c < classes; c++) sum[r, c] += m[r, c];
        return sum;
    }
}
