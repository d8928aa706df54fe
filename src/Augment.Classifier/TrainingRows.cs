using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Classifier;

/// <summary>
/// The training rows copied out of a data view: pixels row-major, 0-based labels, and (when their columns are named)
/// subjects, example weights and synthetic marks. Rows with a missing label or a weight of 0 are left out.
/// </summary>
internal sealed record TrainingRows(float[] Pixels, int[] Labels, string?[]? Subjects, float[]? Weights, bool[]? Synthetic)
{
    public static TrainingRows Read(IDataView input, ExpressionCnnOptions o)
    {
        var schema = input.Schema;
        var columns = new List<DataViewSchema.Column> { schema[o.FeatureColumnName], schema[o.LabelColumnName] };
        foreach (var name in new[] { o.SubjectColumnName, o.ExampleWeightColumnName, o.SyntheticColumnName })
            if (name != null) columns.Add(schema[name]);
        using var cursor = input.GetRowCursor(columns);
        var pixelGetter = cursor.GetGetter<VBuffer<float>>(schema[o.FeatureColumnName]);
        var labelGetter = cursor.GetGetter<uint>(schema[o.LabelColumnName]);
        var subjectGetter = o.SubjectColumnName != null ? cursor.GetGetter<ReadOnlyMemory<char>>(schema[o.SubjectColumnName]) : null;
        var weightGetter = o.ExampleWeightColumnName != null ? cursor.GetGetter<float>(schema[o.ExampleWeightColumnName]) : null;
        var syntheticGetter = o.SyntheticColumnName != null ? cursor.GetGetter<bool>(schema[o.SyntheticColumnName]) : null;

        // Sized from the row count when the view knows it: 60K synthetic 48x48 rows are 550 MB of floats.
        var known = input.GetRowCount() is long n && n * o.ImageSize < int.MaxValue ? (int)n : 0;
        var pixels = new List<float>(known * o.ImageSize);
        var labels = new List<int>(known);
        var subjects = new List<string?>();
        var weights = new List<float>();
        var synthetic = new List<bool>();
        VBuffer<float> buffer = default;
        uint label = 0;
        var weight = 1f;
        var isSynthetic = false;
        ReadOnlyMemory<char> subject = default;
        long row = -1;
        while (cursor.MoveNext())
        {
            row++;
            labelGetter(ref label);
            if (label == 0) continue;   // missing key value
            if (weightGetter != null)
            {
                weightGetter(ref weight);
                if (!float.IsFinite(weight) || weight < 0)
                    throw new InvalidOperationException($"Row {row} of the example weight column '{o.ExampleWeightColumnName}' holds {weight}; weights must be finite and >= 0.");
                if (weight == 0) continue;   // no part in the loss; kept out of batch-norm statistics too
                weights.Add(weight);
            }
            pixelGetter(ref buffer);
            if (buffer.Length != o.ImageSize) throw new InvalidOperationException($"Row {row} of column '{o.FeatureColumnName}' holds {buffer.Length} values, not {o.ImageSize}.");
            pixels.AddRange(buffer.DenseValues());
            labels.Add((int)label - 1);
            if (subjectGetter != null)
            {
                subjectGetter(ref subject);
                subjects.Add(subject.IsEmpty ? null : subject.ToString());
            }
            if (syntheticGetter != null)
            {
                syntheticGetter(ref isSynthetic);
                synthetic.Add(isSynthetic);
            }
        }
        return new TrainingRows(pixels.ToArray(), labels.ToArray(), subjectGetter != null ? subjects.ToArray() : null,
            weightGetter != null ? weights.ToArray() : null, syntheticGetter != null ? synthetic.ToArray() : null);
    }
}
