using Augment.Sweep.Plan;
using CsvHelper;

namespace Augment.Sweep.Results;

/// <summary>
/// The CsvHelper map of a <see cref="CellResult"/> as one row of cells.csv: <see cref="CellHead"/>, an acc_&lt;class&gt;
/// column per class, <see cref="CellTail"/>. Written by hand around the generated maps of head and tail because the
/// per-class columns depend on the sweep's classes; writing and reading go through the same three parts.
/// </summary>
static class CellMap
{
    public const string ClassPrefix = "acc_";
    static readonly SixDecimals Score = new();

    public static string Column(string className) => ClassPrefix + className;

    public sealed class Writer(IReadOnlyList<string> classNames) : CsvRecordWriter<CellResult>
    {
        readonly CsvRecordWriter<CellHead> head = CsvRecordWriter.Create<CellHead>();
        readonly CsvRecordWriter<CellTail> tail = CsvRecordWriter.Create<CellTail>();

        public override int FieldCount => head.FieldCount + classNames.Count + tail.FieldCount;

        public override void WriteHeader(CsvWriter writer)
        {
            head.WriteHeader(writer);
            foreach (var c in classNames) WriteColumnName(writer, Column(c));
            tail.WriteHeader(writer);
        }

        public override void Write(CsvWriter writer, CellResult r)
        {
            head.Write(writer, new CellHead(r.Cell.Split, r.Cell.Seed, r.Cell.Count, r.Cell.Variant, SweepCell.MixName(r.Cell.Mix), r.Accuracy, r.MacroF1));
            foreach (var v in r.PerClassAccuracy) Score.Write(writer, v);
            var made = r.Made;
            tail.Write(writer, new CellTail(r.TestImages, r.TrainRealImages, r.TrainSyntheticImages, r.TrainSeconds, r.GenerationSeconds,
                r.OptionsHash, ConfusionText.Format(r.Confusion), made.CellSeconds, made.GanSeconds, made.Threads, made.Cpu, made.Commit,
                made.Finished, made.GanSource, made.GateSeconds, r.Classifier?.Steps, r.Classifier?.RealRowsSeen, r.Classifier?.SyntheticRowsSeen));
        }
    }

    /// <summary>Reads rows of a file whose header the reader has read; throws, naming them, when columns are missing.</summary>
    public sealed class Reader : CsvRecordMapper<CellResult>
    {
        readonly CsvRecordMapper<CellHead> head;
        readonly CsvRecordMapper<CellTail> tail;
        readonly int[] perClass;

        public Reader(CsvReader reader, IReadOnlyList<string> classNames)
        {
            head = NestedMapper<CellHead>(reader, "")!;
            perClass = classNames.Select(c => Column(reader, CellMap.Column(c), -1, false, CellMap.Column(c))).ToArray();
            tail = NestedMapper<CellTail>(reader, "")!;
            ThrowIfColumnsMissing(reader);
        }

        public override CellResult Read(CsvReader reader)
        {
            var h = head.Read(reader);
            var t = tail.Read(reader);
            var cell = new SweepCell(h.Split, h.Seed, h.Count, h.Variant, SweepCell.ParseMix(h.Synthetic ?? "", h.Count));
            var provenance = t.Cpu is null
                ? CellProvenance.Unknown
                : new CellProvenance(t.CellSeconds, t.GanSeconds, t.Threads, t.Cpu, t.Commit, t.Finished) { GanSource = t.GanSource, GateSeconds = t.GateSeconds };
            var classifier = t.ClassifierSteps is { } steps
                ? new ClassifierRun(steps, t.RealRowsSeen ?? throw new FormatException("real_rows_seen is empty."),
                    t.SyntheticRowsSeen ?? throw new FormatException("synthetic_rows_seen is empty."))
                : null;
            return new CellResult(cell, h.Accuracy, h.MacroF1, perClass.Select(i => Score.Read(reader, i)).ToArray(),
                ConfusionText.Parse(t.Confusion, perClass.Length), t.TestImages, t.TrainReal, t.TrainSynthetic, t.TrainSeconds,
                t.GenerationSeconds, t.OptionsHash, provenance, classifier);
        }
    }
}
