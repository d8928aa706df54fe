using System.Globalization;
using CsvHelper;

namespace Augment.ExprGan.Training;

/// <summary>
/// One row of losses.csv: where in training the step was (stage, epoch, step, images seen so far), wall and process
/// CPU seconds since its epoch began (their ratio shows how busy the machine was), and every loss of the step.
/// </summary>
[CsvRecord]
public sealed partial record LossRow(
    [CsvColumn("stage")] int Stage,
    [CsvColumn("epoch")] int Epoch,
    [CsvColumn("step")] int Step,
    [CsvColumn("images")] long Images,
    [CsvColumn("seconds"), CsvConverter(typeof(SecondsCell))] double Seconds,
    [CsvColumn("cpu_seconds"), CsvConverter(typeof(SecondsCell))] double CpuSeconds,
    [CsvColumn(Prefix = "")] StepLosses Losses);

/// <summary>Seconds to 5 decimals (10 µs: finer digits are timer noise).</summary>
sealed class SecondsCell : ICsvConverter<double>
{
    public double Read(CsvReader reader, int index) => reader.Parse<double>(index);
    public void Write(CsvWriter writer, double value) => writer.WriteField(value, "0.#####", CultureInfo.InvariantCulture);
}

/// <summary>A loss to 6 significant digits; empty when the stage does not compute it (NaN).</summary>
sealed class LossCell : ICsvConverter<float>
{
    public float Read(CsvReader reader, int index) => reader.GetSpan(index).IsEmpty ? float.NaN : reader.Parse<float>(index);

    public void Write(CsvWriter writer, float value)
    {
        if (float.IsNaN(value)) writer.WriteField("");
        else writer.WriteField(value, "G6", CultureInfo.InvariantCulture);
    }
}
