using System.Reflection;
using System.Runtime.InteropServices;

namespace Augment.Core;

/// <summary>What to print beside every figure: the machine, the thread count and the code version.</summary>
public sealed record MachineInfo(string Cpu, int LogicalCores, int TorchThreads, string Os, string Runtime, string GitCommit)
{
    /// <param name="torchThreads">torch.get_num_threads(), from the caller: Core does not load libtorch.</param>
    public static MachineInfo Current(int torchThreads) => new(
        ReadCpuModel(), Environment.ProcessorCount, torchThreads,
        RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, BuildCommit);

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

    /// <summary>The commit this code was built from: the .NET SDK stamps it into AssemblyInformationalVersion
    /// ("1.0.0+&lt;sha&gt;") when it builds in a git work tree; "unknown" for a build outside git.</summary>
    public static string BuildCommit { get; } =
        CommitOf(typeof(MachineInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    /// <summary>The first 12 hex digits after the '+' of an informational version, with "-dirty" when the build's work
    /// tree had uncommitted changes (Directory.Build.props), or "unknown".</summary>
    public static string CommitOf(string? informationalVersion)
    {
        var plus = informationalVersion?.IndexOf('+') ?? -1;
        var sha = plus < 0 ? "" : informationalVersion![(plus + 1)..];
        var dirty = sha.EndsWith("-dirty", StringComparison.Ordinal);
        if (dirty) sha = sha[..^"-dirty".Length];
        return sha.Length >= 12 && sha.All(char.IsAsciiHexDigit) ? sha[..12] + (dirty ? "-dirty" : "") : "unknown";
    }
}
