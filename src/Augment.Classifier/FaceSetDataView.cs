using Augment.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Classifier;

/// <summary>
/// A <see cref="FaceSet"/> as an ML.NET data view: <c>Features</c> (C*H*W floats in [-1, 1], channel-major),
/// <c>Label</c> (UInt32 key, key value i+1 for class i, key values = class names) and <c>Subject</c> (text, empty when unknown).
/// </summary>
public static class FaceSetDataView
{
    public const string Features = "Features", Label = "Label", Subject = "Subject";

    public static IDataView ToDataView(this FaceSet set, MLContext ml)
    {
        var size = set.Channels * set.Height * set.Width;
        using var cpu = set.Images.cpu().contiguous();
        var pixels = cpu.data<float>().ToArray();
        var rows = new FaceRow[set.Count];
        for (var i = 0; i < rows.Length; i++)
            // LoadFromEnumerable takes key fields 0-based (class i is stored as i and read back as key value i+1).
            rows[i] = new FaceRow { Features = pixels.AsSpan(i * size, size).ToArray(), Label = (uint)set.Labels[i], Subject = set.Subjects[i] ?? "" };

        var definition = SchemaDefinition.Create(typeof(FaceRow));
        definition[nameof(FaceRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        var label = definition[nameof(FaceRow.Label)];
        label.ColumnType = new KeyDataViewType(typeof(uint), set.ClassCount);
        var names = new VBuffer<ReadOnlyMemory<char>>(set.ClassCount, set.ClassNames.Select(n => n.AsMemory()).ToArray());
        label.AddAnnotation(ColumnChecks.KeyValues, names, new VectorDataViewType(TextDataViewType.Instance, set.ClassCount));
        return ml.Data.LoadFromEnumerable(rows, definition);
    }

    sealed class FaceRow
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
        public string Subject { get; set; } = "";
    }
}
