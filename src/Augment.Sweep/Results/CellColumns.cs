using System.Globalization;
using Augment.Sweep.Plan;
using CsvHelper;

namespace Augment.Sweep.Results;

/// <summary>
/// The columns of cells.csv before the per-class accuracies: which cell, and its two headline scores. Synthetic (the
/// variant by name) is absent from files written before the variants existed (<see cref="SweepCell.ParseMix"/>).
/// </summary>
[CsvRecord]
sealed partial record CellHead(
    [CsvColumn("split")] int Split,
    [CsvColumn("seed")] int Seed,
    [CsvColumn("count")] int Count,
    [CsvColumn("variant"), CsvConverter(typeof(VariantCell))] ClassicAugmentation Variant,
    [CsvColumn("synthetic", Optional = true)] string? Synthetic,
    [CsvColumn("accuracy"), CsvConverter(typeof(SixDecimals))] double Accuracy,
    [CsvColumn("macro_f1"), CsvConverter(typeof(SixDecimals))] double MacroF1);

/// <summary>
/// The columns of cells.csv after the per-class accuracies. Those added later have defaults, so older files read: Cpu
/// null means the file predates per-cell provenance (<see cref="CellProvenance.Unknown"/>). Confusion is
/// <see cref="ConfusionText"/>, its size checked against the sweep's classes.
/// </summary>
[CsvRecord]
sealed partial record CellTail(
    [CsvColumn("test_images")] int TestImages,
    [CsvColumn("train_real")] int TrainReal,
    [CsvColumn("train_synthetic")] int TrainSynthetic,
    [CsvColumn("train_seconds"), CsvConverter(typeof(SixDecimals))] double TrainSeconds,
    [CsvColumn("generation_seconds"), CsvConverter(typeof(SixDecimals))] double GenerationSeconds,
    [CsvColumn("options_hash")] string OptionsHash,
    [CsvColumn("confusion")] string Confusion,
    [CsvColumn("cell_seconds"), CsvConverter(typeof(SixDecimals))] double CellSeconds = double.NaN,
    [CsvColumn("gan_seconds"), CsvConverter(typeof(SixDecimals))] double GanSeconds = double.NaN,
    [CsvColumn("threads")] int Threads = 0,
    [CsvColumn("cpu")] string? Cpu = null,
    [CsvColumn("commit")] string Commit = "",
    [CsvColumn("finished_utc"), CsvConverter(typeof(UtcSeconds))] DateTimeOffset Finished = default,
    [CsvColumn("gan_source"), CsvConverter(typeof(GanSourceCell))] GanSource GanSource = GanSource.Unrecorded,
    [CsvColumn("gate_seconds"), CsvConverter(typeof(SixDecimals))] double GateSeconds = double.NaN,
    [CsvColumn("classifier_steps")] int? ClassifierSteps = null,
    [CsvColumn("real_rows_seen")] long? RealRowsSeen = null,
    [CsvColumn("synthetic_rows_seen")] long? SyntheticRowsSeen = null);

/// <summary>Scores and seconds to 6 decimals; empty for NaN (not measured).</summary>
sealed class SixDecimals : ICsvConverter<double>
{
    public double Read(CsvReader reader, int index) => reader.GetSpan(index).IsEmpty ? double.NaN : reader.Parse<double>(index);

    public void Write(CsvWriter writer, double value)
    {
        if (double.IsNaN(value)) writer.WriteField("");
        else writer.WriteField(value, "0.######", CultureInfo.InvariantCulture);
    }
}

/// <summary>gan or gan+classic (<see cref="SweepCell.VariantName"/>).</summary>
sealed class VariantCell : ICsvConverter<ClassicAugmentation>
{
    public ClassicAugmentation Read(CsvReader reader, int index) => SweepCell.ParseVariant(reader.GetString(index));
    public void Write(CsvWriter writer, ClassicAugmentation value) => writer.WriteField(SweepCell.VariantName(value));
}

/// <summary>A UTC time to the second ("2026-11-30T02:12:40Z"); empty when unknown (MinValue).</summary>
sealed class UtcSeconds : ICsvConverter<DateTimeOffset>
{
    public DateTimeOffset Read(CsvReader reader, int index) =>
        reader.GetString(index) is { Length: > 0 } t ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;

    public void Write(CsvWriter writer, DateTimeOffset value) =>
        writer.WriteField(value == DateTimeOffset.MinValue ? "" : value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}

/// <summary>trained, resumed, cached or none; empty when unrecorded.</summary>
sealed class GanSourceCell : ICsvConverter<GanSource>
{
    public GanSource Read(CsvReader reader, int index) => reader.GetString(index) switch
    {
        "" => GanSource.Unrecorded,
        var g => Enum.TryParse<GanSource>(g, ignoreCase: true, out var source) && Enum.IsDefined(source) ? source : throw new FormatException($"Unknown gan_source '{g}'."),
    };

    public void Write(CsvWriter writer, GanSource value) => writer.WriteField(value == GanSource.Unrecorded ? "" : value.ToString().ToLowerInvariant());
}
