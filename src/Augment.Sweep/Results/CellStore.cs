using Augment.Core;
using Augment.Sweep.Plan;
using CsvHelper;

namespace Augment.Sweep.Results;

/// <summary>
/// cells.csv: one row per finished cell (<see cref="CellMap"/>), rewritten atomically after every cell so a killed sweep
/// loses at most the cell in flight. Cells from other options are refused rather than mixed in. Columns added after the
/// file was first written are optional, so older files still read (provenance unknown, synthetic pooled).
/// </summary>
public sealed class CellStore
{
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
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true });
        if (!csv.Read() && csv.Headers.Count == 0) return store;
        var map = Map(csv, classNames, path);
        do
        {
            if (csv.FieldCount == 0) continue;
            var hash = csv.GetString("options_hash");
            if (hash != optionsHash)
                throw new InvalidDataException($"{path} line {csv.LineNumber}: cell made with options {hash}, this sweep is {optionsHash}; use --fresh to start over or --out for another folder.");
            try
            {
                var result = csv.GetRecord<CellResult>(map);
                store._cells[result.Cell.Key] = result;
            }
            catch (CsvFormatException e)
            {
                throw new InvalidDataException($"{path} line {csv.LineNumber}: {e.InnerException?.Message ?? e.Message}", e);
            }
        } while (csv.Read());
        return store;
    }

    /// <summary>The reader of a file whose columns are this sweep's: its acc_ columns are the classes, none is missing.</summary>
    static CellMap.Reader Map(CsvReader csv, IReadOnlyList<string> classNames, string path)
    {
        var mismatch = new InvalidDataException($"{path}: columns [{string.Join(",", csv.Headers)}] do not match this sweep's classes; use --fresh or another --out.");
        if (!csv.Headers.Where(h => h.StartsWith(CellMap.ClassPrefix, StringComparison.Ordinal)).ToHashSet().SetEquals(classNames.Select(CellMap.Column)))
            throw mismatch;
        try
        {
            return new CellMap.Reader(csv, classNames);
        }
        catch (KeyNotFoundException)
        {
            throw mismatch;
        }
    }

    public void Add(CellResult result)
    {
        _cells[result.Cell.Key] = result;
        AtomicFile.Write(Path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
            csv.WriteRecords(_cells.Values.OrderBy(c => c.Cell.Split).ThenBy(c => c.Cell.Seed).ThenBy(c => c.Cell.Count).ThenBy(c => c.Cell.Variant).ThenBy(c => c.Cell.Mix),
                new CellMap.Writer(ClassNames));
        });
    }
}
