using System.Globalization;
using Augment.Core;
using Augment.Sweep.Plan;
using CsvHelper;

namespace Augment.Sweep.Results;

/// <summary>
/// cells.csv: one row per finished cell, rewritten atomically after every cell so a killed sweep loses at most
/// the cell in flight. Cells from other options are refused rather than mixed in.
/// </summary>
public sealed class CellStore
{
    static readonly string[] Fixed = ["split", "seed", "count", "variant", "synthetic", "accuracy", "macro_f1"];
    static readonly string[] Tail = ["test_images", "train_real", "train_synthetic", "train_seconds", "generation_seconds", "options_hash", "confusion"];
    /// <summary>Per-cell provenance; files written before these existed are still read (provenance unknown).</summary>
    static readonly string[] ProvenanceColumns = ["cell_seconds", "gan_seconds", "threads", "cpu", "commit", "finished_utc"];
    /// <summary>How the GAN was made ready (<see cref="CellProvenance.GanSource"/>, <see cref="CellProvenance.GateSeconds"/>).</summary>
    static readonly string[] GanColumns = ["gan_source", "gate_seconds"];
    /// <summary>What the classifier fit did (<see cref="ClassifierRun"/>).</summary>
    static readonly string[] ClassifierColumns = ["classifier_steps", "real_rows_seen", "synthetic_rows_seen"];
    /// <summary>Columns added after cells.csv was first written: a file without them is read, a missing one as empty
    /// (synthetic: pooled, as every sweep ran then).</summary>
    static readonly HashSet<string> Optional = ["synthetic", .. ProvenanceColumns, .. GanColumns, .. ClassifierColumns];
    readonly Dictionary<string, CellResult> _cells = new();

    public CellStore(string path, IReadOnlyList<string> classNames)
    {
        Path = path;
        ClassNames = classNames;
    }

    public string Path { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public IReadOnlyCollection<CellResult> Cells => _cells.Values;

    public bool TryGet(SweepCell cell, out CellResult result) => _cells.TryGetValue(cell.Key, out result!);

    /// <summary>Loads finished cells; throws when they were made with other options or classes.</summary>
    public static CellStore Open(string path, IReadOnlyList<string> classNames, string optionsHash)
    {
        var store = new CellStore(path, classNames);
        if (!File.Exists(path)) return store;
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { TrackLineNumbers = true });
        var expected = Header(classNames);
        if (!csv.Read() && csv.Headers.Count == 0) return store;
        if (csv.Headers.Any(h => !expected.Contains(h)) || expected.Any(c => !Optional.Contains(c) && !csv.Headers.Contains(c)))
            throw new InvalidDataException($"{path}: columns [{string.Join(",", csv.Headers)}] do not match this sweep's classes; use --fresh or another --out.");
        var hasProvenance = ProvenanceColumns.All(csv.Headers.Contains);
        do
        {
            if (csv.FieldCount == 0) continue;
            var hash = csv.GetString("options_hash");
            if (hash != optionsHash)
                throw new InvalidDataException($"{path} line {csv.LineNumber}: cell made with options {hash}, this sweep is {optionsHash}; use --fresh to start over or --out for another folder.");
            var result = ReadRow(csv, classNames, path, hasProvenance);
            store._cells[result.Cell.Key] = result;
        } while (csv.Read());
        return store;
    }

    public void Add(CellResult result)
    {
        _cells[result.Cell.Key] = result;
        AtomicFile.Write(Path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
            csv.WriteHeader(Header(ClassNames));
            foreach (var r in _cells.Values.OrderBy(c => c.Cell.Split).ThenBy(c => c.Cell.Seed).ThenBy(c => c.Cell.Count).ThenBy(c => c.Cell.Variant).ThenBy(c => c.Cell.Mix))
                csv.WriteRecord(Row(r));
            csv.Flush();
        });
    }

    static string[] Header(IReadOnlyList<string> classNames) =>
        [.. Fixed, .. classNames.Select(c => "acc_" + c), .. Tail, .. ProvenanceColumns, .. GanColumns, .. ClassifierColumns];

    static string F(double v) => double.IsNaN(v) ? "" : v.ToString("0.######", CultureInfo.InvariantCulture);

    static string[] Row(CellResult r) =>
    [
        r.Cell.Split.ToString(CultureInfo.InvariantCulture), r.Cell.Seed.ToString(CultureInfo.InvariantCulture),
        r.Cell.Count.ToString(CultureInfo.InvariantCulture), SweepCell.VariantName(r.Cell.Variant), SweepCell.MixName(r.Cell.Mix),
        F(r.Accuracy), F(r.MacroF1),
        .. r.PerClassAccuracy.Select(F),
        r.TestImages.ToString(CultureInfo.InvariantCulture), r.TrainRealImages.ToString(CultureInfo.InvariantCulture),
        r.TrainSyntheticImages.ToString(CultureInfo.InvariantCulture), F(r.TrainSeconds), F(r.GenerationSeconds),
        r.OptionsHash, ConfusionText.Format(r.Confusion),
        F(r.Made.CellSeconds), F(r.Made.GanSeconds), r.Made.Threads.ToString(CultureInfo.InvariantCulture), r.Made.Cpu, r.Made.Commit,
        r.Made.IsKnown ? r.Made.Finished.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "",
        r.Made.GanSource == GanSource.Unrecorded ? "" : r.Made.GanSource.ToString().ToLowerInvariant(), F(r.Made.GateSeconds),
        .. r.Classifier is { } c
            ? new[] { c.Steps.ToString(CultureInfo.InvariantCulture), c.RealRowsSeen.ToString(CultureInfo.InvariantCulture), c.SyntheticRowsSeen.ToString(CultureInfo.InvariantCulture) }
            : ["", "", ""],
    ];

    static CellResult ReadRow(CsvReader csv, IReadOnlyList<string> classNames, string path, bool hasProvenance)
    {
        try
        {
            string S(string n) => csv.TryGetFieldIndex(n, out var i) ? csv.GetString(i) : "";
            double Opt(string n) => S(n) is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : double.NaN;
            int I(string n) => int.Parse(csv.GetString(n), CultureInfo.InvariantCulture);
            double D(string n) => double.Parse(csv.GetString(n), CultureInfo.InvariantCulture);
            var count = I("count");
            var cell = new SweepCell(I("split"), I("seed"), count, SweepCell.ParseVariant(csv.GetString("variant")), SweepCell.ParseMix(S("synthetic"), count));
            return new CellResult(cell, D("accuracy"), D("macro_f1"), classNames.Select(c => D("acc_" + c)).ToArray(),
                ConfusionText.Parse(csv.GetString("confusion"), classNames.Count), I("test_images"), I("train_real"),
                I("train_synthetic"), D("train_seconds"), D("generation_seconds"), csv.GetString("options_hash"),
                hasProvenance
                    ? new CellProvenance(Opt("cell_seconds"), Opt("gan_seconds"), I("threads"), csv.GetString("cpu"), csv.GetString("commit"),
                        csv.GetString("finished_utc") is { Length: > 0 } t ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue)
                    {
                        GanSource = S("gan_source") is { Length: > 0 } g
                            ? Enum.TryParse<GanSource>(g, ignoreCase: true, out var source) && Enum.IsDefined(source) ? source : throw new FormatException($"Unknown gan_source '{g}'.")
                            : GanSource.Unrecorded,
                        GateSeconds = Opt("gate_seconds"),
                    }
                    : CellProvenance.Unknown,
                S("classifier_steps") is { Length: > 0 } steps
                    ? new ClassifierRun(int.Parse(steps, CultureInfo.InvariantCulture), long.Parse(S("real_rows_seen"), CultureInfo.InvariantCulture),
                        long.Parse(S("synthetic_rows_seen"), CultureInfo.InvariantCulture))
                    : null);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{path} line {csv.LineNumber}: {e.Message}", e);
        }
    }
}
