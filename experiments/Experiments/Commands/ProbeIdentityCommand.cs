using System.ComponentModel;
using System.Globalization;
using System.Text;
using Augment.Core;
using Augment.Data;
using Augment.Data.Loading;
using Augment.Experiments.Options;
using Augment.Identity;
using Augment.Torch;
using Spectre.Console.Cli;
using TorchSharp;

namespace Augment.Experiments.Commands;

/// <summary>
/// Checks that phi carries identity: rank-1 same-person retrieval across expressions on a face set with subjects
/// (CK+48), under pixel L1, each phi layer and L_id. Writes only aggregate figures (no images).
/// </summary>
[Description("How well phi features retrieve the same subject across expressions on a face set (identity probe report).")]
public sealed class ProbeIdentityCommand : Command<ProbeIdentityCommand.Settings>
{
    private const string DefaultOut = "../results/identity/identity-probe.md";

    public sealed class Settings : TorchSettings
    {
        [CommandOption("--data")][Description("Folder-per-expression face set with subject names (default: CK+48 at $AUGMENT_CK48, else ../shared/datasets/ck48 beside the repository).")]
        public string? Data { get; init; }

        [CommandOption("--size")][Description("Resize faces to this side (default: keep the source size, 48 for CK+48).")]
        public int? Size { get; init; }

        [CommandOption("--layers")][Description("Comma-separated ResNet18 feature layers (stem, layer1..layer4); default all.")]
        public string? Layers { get; init; }

        [CommandOption("--batch")][Description("Images per forward pass.")][DefaultValue(64)]
        public int Batch { get; init; } = 64;

        [CommandOption("--out")][Description("Markdown report to write (atomically).")][DefaultValue(DefaultOut)]
        public string Out { get; init; } = DefaultOut;
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancellationToken)
    {
        var device = s.ToTorchOptions().Apply();
        var data = s.Data ?? DatasetCatalog.DefaultCk48Path();
        if (!Directory.Exists(data)) throw new DirectoryNotFoundException($"Face set not found: {data} (give --data or set AUGMENT_CK48).");
        var progress = new ConsoleProgress();
        using var faces = new FolderFaceSetLoader(data, new FaceLoadOptions { Width = s.Size, Height = s.Size }, "ck48").Load(progress);
        if (!faces.HasSubjects) throw new InvalidDataException($"{data}: no subject in the file names; the probe needs subjects.");

        var layers = s.Layers?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using var phi = IdentityNetworks.Create(new IdentityNetworkOptions { Layers = layers }, device);
        using var images = faces.Images.to(device);
        var results = IdentityRetrieval.Run(phi, images, faces.Subjects.Select(x => x!).ToArray(), faces.Labels, s.Batch, progress);

        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Identity network phi: does it know who is who?");
        sb.AppendLine();
        sb.AppendLine($"{faces.Count} faces ({faces.Channels} x {faces.Height} x {faces.Width}) of {faces.Subjects.Distinct().Count()} subjects from `{Path.GetFileName(Path.TrimEndingDirectorySeparator(data))}`, " +
            "classes " + string.Join(", ", faces.ClassNames) + ". For each face, the nearest face with a different expression " +
            "(so never a frame of its own sequence); rank-1 = share whose nearest is the same person (faces without such a candidate are skipped). " +
            "Layer distances are mean |phi_l(a) - phi_l(b)|, exactly one term of L_id. The last columns are the mean distance between " +
            "the same person in another expression (A) and another person in the same expression (B): a distance that tracks identity " +
            "rather than expression has A / B well below 1.");
        sb.AppendLine();
        sb.AppendLine("| distance | queries | rank-1 | chance | A: same person, other expression | B: other person, same expression | A / B |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
            sb.AppendLine(string.Create(inv, $"| {r.Measure} | {r.Queries} | {r.Rank1:P1} | {r.Chance:P1} | {r.SamePersonOtherExpression:G4} | {r.OtherPersonSameExpression:G4} | {r.Ratio:0.00} |"));
        sb.AppendLine();
        sb.AppendLine($"Machine: {MachineInfo.Current(torch.get_num_threads())}");
        sb.AppendLine();
        sb.AppendLine("Command:");
        sb.AppendLine();
        sb.AppendLine("```bash");
        sb.AppendLine("cd experiments && dotnet run --project Experiments -- probe-identity" +
            (s.Size is { } size ? $" --size {size}" : "") + (s.Layers is null ? "" : $" --layers {s.Layers}") +
            $" --batch {s.Batch} --threads {s.Threads} --device {s.Device}" + (s.Out == DefaultOut ? "" : $" --out {s.Out}"));
        sb.AppendLine("```");
        var report = sb.ToString();
        AtomicFile.WriteAllText(s.Out, report);
        Console.WriteLine(report);
        Console.WriteLine($"written to {Path.GetFullPath(s.Out)}");
        return 0;
    }
}
