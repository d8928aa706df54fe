using Augment.Data;
using Augment.Data.Imaging;
using Augment.ExprGan;
using static TorchSharp.torch;

namespace Augment.Evaluation.Reports;

/// <summary>
/// edit-grid.png: a row per test face (different subjects first): the input, the face in every expression at
/// intensity 1, then an intensity ramp 0 -> 1 into another expression than the face's own (named in the row label).
/// Faces of licensed data sets must only be written where they are never committed (results/**/private/).
/// </summary>
public static class EditGrid
{
    public static void Save(string path, IExpressionGenerator generator, FaceSet test, EvaluationOptions options, string title)
    {
        var rows = PickFaces(test, options.GridFaces);
        int k = test.ClassCount, steps = options.GridRampSteps;
        var ramp = Enumerable.Range(0, steps).Select(s => s == steps - 1 ? 1f : (float)s / (steps - 1)).ToArray();
        using var scope = NewDisposeScope();
        var inputs = test.Images.index_select(0, tensor(rows.Select(i => (long)i).ToArray())).to(generator.Device);
        var cells = new List<Tensor>();
        var rampClasses = rows.Select((i, r) => (test.Labels[i] + 1 + r % (k - 1)) % k).ToArray();
        for (var r = 0; r < rows.Length; r++)
        {
            var rampClass = rampClasses[r];
            var targets = Enumerable.Range(0, k).Select(t => (long)t).Concat(Enumerable.Repeat((long)rampClass, steps)).ToArray();
            var levels = Enumerable.Repeat(1f, k).Concat(ramp).ToArray();
            var edits = generator.Edit(inputs[r].unsqueeze(0).expand(targets.Length, -1, -1, -1), generator.Code(targets, levels));
            cells.Add(inputs[r].unsqueeze(0));
            cells.Add(edits);
        }
        var labels = new[] { "input" }.Concat(test.ClassNames.Select(Short))
            .Concat(ramp.Select(v => v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        ImageGrid.Save(path, cat(cells, 0).cpu(), new GridOptions
        {
            Columns = labels.Length, ColumnLabels = labels, Title = title,
            RowLabels = rows.Select((i, r) => $"{test.Subjects[i] ?? $"#{i}"} {Short(test.ClassNames[test.Labels[i]])}, ramp: {Short(test.ClassNames[rampClasses[r]])}").ToArray(),
            Scale = test.Height < 48 ? Math.Max(1, 64 / test.Height) : test.Height < 96 ? 2 : 1,
        });
    }

    /// <summary>Up to n faces: first one per subject (cycling through classes), then any others.</summary>
    static int[] PickFaces(FaceSet test, int n)
    {
        var picked = new List<int>();
        var bySubject = Enumerable.Range(0, test.Count).GroupBy(i => test.Subjects[i] ?? $"#{i}").ToList();
        for (var s = 0; s < bySubject.Count && picked.Count < n; s++)
        {
            var faces = bySubject[s].ToList();
            picked.Add(faces.FirstOrDefault(i => test.Labels[i] == s % test.ClassCount, faces[0]));
        }
        picked.AddRange(Enumerable.Range(0, test.Count).Where(i => !picked.Contains(i)).Take(n - picked.Count));
        return picked.ToArray();
    }

    static string Short(string name) => name[..Math.Min(5, name.Length)];
}
