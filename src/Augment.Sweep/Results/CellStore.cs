using Augment.Core;
using Augment.Sweep.Plan;
using CsvHelper;

namespace Augment.Sweep.Results;

/// <summary>
/// cells.csv: one row per finished cell (<see cref="CellMap"/>), rewritten atomically after every cell so a killed sweep
/// loses at most the cell in flight. Cells from other options are refused rather than mixed in. Columns added after the
/// file was first written are optional, so older files still read (provenance unknown, synthetic pooled). Several
/// processes may fill one file: each adds under a lock on 'cells.csv.lock' after reading what the others added.
/// </summary>
public sealed class CellStore
{
    readonly Dictionary<string, CellResult> _cells = new();
    readonly string? _optionsHash;

    /// <param name="optionsHash">The options every cell read back must have been made with; null: not checked.</param>
    public CellStore(string path, IReadOnlyList<string> classNames, string? optionsHash = null)
    {
        Path = path;
        ClassNames = classNames;
        _optionsHash = optionsHash;
    }

    public string Path { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public IReadOnlyCollection<CellResult> Cells => _cells.Values;

    public bool TryGet(SweepCell cell, out CellResult result) => _cells.TryGetValue(cell.Key, out result!);

    /// <summary>Loads finished cells; throws when they were made with other options or classes.</summary>
    public static CellStore Open(string path, IReadOnlyList<string> classNames, string optionsHash)
    {
        var store = new CellStore(path, classNames, optionsHash);
        store.Reload();
        return store;
    }

    /// <summary>Any sweep's cells.csv, its classes taken from its columns and its options not checked (for comparing runs).</summary>
    public static CellStore Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file (a sweep run folder holds cells.csv).", path);
        var header = File.ReadLines(path).FirstOrDefault() ?? throw new InvalidDataException($"{path}: empty, not a sweep's cells.csv.");
        var classes = header.Split(',').Where(h => h.StartsWith(CellMap.ClassPrefix, StringComparison.Ordinal)).Select(h => h[CellMap.ClassPrefix.Length..]).ToArray();
        if (classes.Length == 0) throw new InvalidDataException($"{path}: no {CellMap.ClassPrefix}<class> columns, not a sweep's cells.csv.");
        var store = new CellStore(path, classes);
        store.Reload();
        return store;
    }

    /// <summary>Reads the file again, adding the cells written since (by another process on the same run folder).</summary>
    public void Reload()
    {
        if (!File.Exists(Path)) return;
        using var csv = CsvReader.FromFile(Path, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true });
        if (!csv.Read() && csv.Headers.Count == 0) return;
        var map = Map(csv, ClassNames, Path);
        do
        {
            if (csv.FieldCount == 0) continue;
            var hash = csv.GetString("options_hash");
            if (_optionsHash != null && hash != _optionsHash)
                throw new InvalidDataException($"{Path} line {csv.LineNumber}: cell made with options {hash}, this sweep is {_optionsHash}; use --fresh to start over or --out for another folder.");
            try
            {
                var result = csv.GetRecord<CellResult>(map);
                _cells.TryAdd(result.Cell.Key, result);
            }
            catch (CsvFormatException e)
            {
                throw new InvalidDataException($"{Path} line {csv.LineNumber}: {e.InnerException?.Message ?? e.Message}", e);
            }
        } while (csv.Read());
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
        using var held = FileLock.Acquire(Path + ".lock");
        Reload();
        _cells[result.Cell.Key] = result;
        AtomicFile.Write(Path, stream =>
        {
            using var csv = CsvWriter.Create(stream, new CsvWriterOptions(), leaveOpen: true);
            csv.WriteRecords(_cells.Values.OrderBy(c => c.Cell.Split).ThenBy(c => c.Cell.Seed).ThenBy(c => c.Cell.Count).ThenBy(c => c.Cell.Variant).ThenBy(c => c.Cell.Mix),
                new CellMap.Writer(ClassNames));
        });
    }
}
