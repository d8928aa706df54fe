using System.Runtime.InteropServices;

namespace Augment.Core;

/// <summary>What to print beside every figure: the machine, the thread count and the code version.</summary>
public sealed record MachineInfo(string Cpu, int LogicalCores, int TorchThreads, string Os, string Runtime, string GitCommit)
{
    /// <param name="torchThreads">torch.get_num_threads(), from the caller: Core does not load libtorch.</param>
    public static MachineInfo Current(int torchThreads) => new(
        ReadCpuModel(), Environment.ProcessorCount, torchThreads,
        RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, GitCommitOf(Directory.GetCurrentDirectory()));

    public override string ToString() => $"{Cpu}, {LogicalCores} logical cores, {TorchThreads} torch threads, {Os}, {Runtime}, commit {GitCommit}";

    static string ReadCpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
        catch (UnauthorizedAccessException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
    }

    /// <summary>Reads .git/HEAD directly so no git binary is needed.</summary>
    public static string GitCommitOf(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            string common;
            if (Directory.Exists(git)) common = git;
            else if (File.Exists(git) && File.ReadAllText(git).Trim() is var link && link.StartsWith("gitdir: ", StringComparison.Ordinal))
            {
                // A worktree: .git is a file naming its own git dir (HEAD); branch refs live in the common dir.
                git = Path.GetFullPath(link[8..].Trim(), dir.FullName);
                var commonFile = Path.Combine(git, "commondir");
                common = File.Exists(commonFile) ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), git) : git;
            }
            else continue;
            var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal)) return head[..Math.Min(12, head.Length)];
            var refPath = Path.Combine(common, head[5..]);
            if (File.Exists(refPath)) return File.ReadAllText(refPath).Trim()[..12];
            var packed = Path.Combine(common, "packed-refs");
            if (File.Exists(packed))
                foreach (var l in File.ReadLines(packed))
                    if (l.EndsWith(head[5..], StringComparison.Ordinal)) return l[..12];
            return "unknown";
        }
        return "unknown";
    }
}
