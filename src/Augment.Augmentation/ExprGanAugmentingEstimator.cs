using Augment.Augmentation.Generation;
using Augment.MlNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Augmentation;

/// <summary>
/// Estimator for <see cref="ExprGanAugmentingTransformer"/>: nothing is learned; Fit opens the generator,
/// checks the schema against it and reads the label column once to refuse labels the generator does not know.
/// </summary>
public sealed class ExprGanAugmentingEstimator : IEstimator<ExprGanAugmentingTransformer>
{
    public ExprGanAugmentingEstimator(ExprGanAugmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public ExprGanAugmentOptions Options { get; }

    public ExprGanAugmentingTransformer Fit(IDataView input)
    {
        var transformer = new ExprGanAugmentingTransformer(Options, RendererFactory.Create(Options), ownsRenderer: true);
        try
        {
            var binding = AugmenterBinding.Bind(input.Schema, Options, transformer.Generator);
            binding.NewLabelCodec().ReadClasses(input);
            return transformer;
        }
        catch
        {
            transformer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What can be told from shapes alone: the image and label columns exist with usable kinds (sizes and key names are
    /// checked by Fit); declares the four added columns: the Boolean synthetic marker, Intensity, SourceRow and the
    /// Single example weight, under the names the options give.
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var image = inputSchema.FirstOrDefault(c => c.Name == Options.ImageColumn);
        if (image.Name == null) throw SchemaErrors.Missing("image", Options.ImageColumn, inputSchema);
        if (image.Kind != SchemaShape.Column.VectorKind.Vector || (image.ItemType != NumberDataViewType.Single && image.ItemType != NumberDataViewType.Byte))
            throw SchemaErrors.Mismatch($"image column '{image.Name}' is {image.Kind} of {image.ItemType}; expected a known-size vector of Single or Byte (ExtractPixels output).");
        var label = inputSchema.FirstOrDefault(c => c.Name == Options.LabelColumn);
        if (label.Name == null) throw SchemaErrors.Missing("label", Options.LabelColumn, inputSchema);
        var type = label.ItemType;
        var usable = label.Kind == SchemaShape.Column.VectorKind.Scalar &&
            (label.IsKey ? type == NumberDataViewType.UInt32
                         : type is TextDataViewType || type == NumberDataViewType.Int32 || type == NumberDataViewType.Int64 || type == NumberDataViewType.Single);
        if (!usable)
            throw SchemaErrors.Mismatch($"label column '{label.Name}' is {label.Kind} of {(label.IsKey ? "key " : "")}{type}; " +
                "expected a UInt32 key (MapValueToKey), text, or an Int32/Int64/Single class index.");
        return AddedColumnsShape.Append(inputSchema, Options.SyntheticColumn, Options.WeightColumn);
    }
}

/// <summary>
/// The four added columns as shapes (SchemaShapeColumns, since SchemaShape.Column has no public constructor), each
/// replacing an input column of the same name in its place, as ML.NET's own estimators do.
/// </summary>
internal static class AddedColumnsShape
{
    public static SchemaShape Append(SchemaShape input, string syntheticColumn, string weightColumn)
    {
        var columns = input.ToDictionary(c => c.Name);
        foreach (var (name, type) in new (string, DataViewType)[]
        {
            (syntheticColumn, BooleanDataViewType.Instance), (AugmentedColumns.Intensity, NumberDataViewType.Single),
            (AugmentedColumns.SourceRow, NumberDataViewType.Int64), (weightColumn, NumberDataViewType.Single),
        })
            columns[name] = SchemaShapeColumns.Make(name, SchemaShape.Column.VectorKind.Scalar, type, isKey: false);
        return new SchemaShape(columns.Values);
    }
}
