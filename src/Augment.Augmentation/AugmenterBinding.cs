using Augment.Augmentation.Labels;
using Augment.ExprGan;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Augment.Augmentation;

/// <summary>
/// The augmenter checked against one input schema: where the image and label columns are, how pixels and
/// labels convert, and the output schema (the input's columns, then IsSynthetic, Intensity, SourceRow, Weight; the
/// first and last under the names the options give).
/// Every refusal names the column and what was expected.
/// </summary>
internal sealed class AugmenterBinding
{
    AugmenterBinding(DataViewSchema input, DataViewSchema output, GeneratorInfo info, int image, bool imageIsByte, int label, PixelCodec pixels)
    {
        InputSchema = input; OutputSchema = output; Info = info;
        ImageIndex = image; ImageIsByte = imageIsByte; LabelIndex = label; Pixels = pixels;
    }

    public DataViewSchema InputSchema { get; }
    public DataViewSchema OutputSchema { get; }
    public GeneratorInfo Info { get; }
    public int ImageIndex { get; }
    public bool ImageIsByte { get; }
    public int LabelIndex { get; }
    public PixelCodec Pixels { get; }
    public int InputCount => InputSchema.Count;

    /// <summary>The added columns, in the order they follow the input's.</summary>
    public enum Added { IsSynthetic, Intensity, SourceRow, Weight }

    /// <summary>A fresh label codec (text codecs learn the data's spellings, so one per data view).</summary>
    public LabelCodec NewLabelCodec() => LabelCodec.Create(InputSchema[LabelIndex], Info.ClassNames);

    public static AugmenterBinding Bind(DataViewSchema input, ExprGanAugmentOptions options, GeneratorInfo info)
    {
        var image = input.GetColumnOrNull(options.ImageColumn) ?? throw SchemaErrors.Missing("image", options.ImageColumn, input);
        var label = input.GetColumnOrNull(options.LabelColumn) ?? throw SchemaErrors.Missing("label", options.LabelColumn, input);
        var isByte = CheckImage(image, options.Layout, info);
        PixelCodec pixels;
        try { pixels = new PixelCodec(options.Layout, info.Channels, info.Height, info.Width); }
        catch (ArgumentException e) { throw SchemaErrors.Mismatch($"image column '{image.Name}': {e.Message}"); }
        var codec = LabelCodec.Create(label, info.ClassNames);
        if (codec.RepresentableClasses.Count == 0)
            throw SchemaErrors.Mismatch($"label column '{label.Name}' can hold none of the generator's classes ({string.Join(", ", info.ClassNames)}).");
        try { options.Intensity.CheckClasses(info.ClassNames); }
        catch (ArgumentException e) { throw SchemaErrors.Mismatch(e.Message); }

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(options.SyntheticColumn, BooleanDataViewType.Instance);
        builder.AddColumn(AugmentedColumns.Intensity, NumberDataViewType.Single);
        builder.AddColumn(AugmentedColumns.SourceRow, NumberDataViewType.Int64);
        builder.AddColumn(options.WeightColumn, NumberDataViewType.Single);
        return new AugmenterBinding(input, builder.ToSchema(), info, image.Index, isByte, label.Index, pixels);
    }

    /// <summary>True for a byte vector, false for float; throws for anything else or the wrong size or layout.</summary>
    static bool CheckImage(DataViewSchema.Column image, PixelLayout layout, GeneratorInfo info)
    {
        int c = info.Channels, h = info.Height, w = info.Width, size = c * h * w;
        var shape = $"{c} x {h} x {w} = {size} values";
        if (image.Type is not VectorDataViewType { IsKnownSize: true } vector || (vector.ItemType != NumberDataViewType.Single && vector.ItemType != NumberDataViewType.Byte))
            throw SchemaErrors.Mismatch($"image column '{image.Name}' has type {image.Type}; expected a known-size vector of Single or Byte " +
                $"({shape}), as ExtractPixels makes it.");
        if (vector.Size != size)
            throw SchemaErrors.Mismatch($"image column '{image.Name}' holds {vector.Size} values per row but the generator takes {shape} " +
                $"({(c == 1 ? "one channel: ConvertToGrayscale, then ExtractPixels with ColorBits.Red" : "RGB: ExtractPixels with ColorBits.Rgb")}, after ResizeImages to {w} x {h}).");
        var dims = vector.Dimensions;
        if (dims.Length == 3)
        {
            bool planar = dims[0] == c && dims[1] == h && dims[2] == w, interleaved = dims[0] == h && dims[1] == w && dims[2] == c;
            if (planar != interleaved && planar == layout.Interleaved)   // dims tell the layout, and it is not the one given
                throw SchemaErrors.Mismatch($"image column '{image.Name}' has dims [{string.Join(", ", dims)}], but the layout says " +
                    $"{(layout.Interleaved ? "interleaved (H x W x C)" : "planar (C x H x W)")}; set PixelLayout's interleaved flag as ExtractPixels had it.");
        }
        var isByte = vector.ItemType == NumberDataViewType.Byte;
        if (isByte && (layout.Scale != 1f || layout.Offset != 0f))
            throw SchemaErrors.Mismatch($"image column '{image.Name}' is a byte vector (raw 0..255), but the layout has scale {layout.Scale} and offset {layout.Offset}; use scale 1, offset 0.");
        return isByte;
    }
}
