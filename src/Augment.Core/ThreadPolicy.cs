using System.Runtime.InteropServices;

namespace Augment.Core;

/// <summary>
/// How libtorch's OpenMP threads wait. By default they spin for a while after each parallel region; on a machine whose
/// cores are busy with other work a spinning thread holds a core the others need, and a 6-second training run took
/// over 3 minutes (issue 10 item 8; results/benchmarks/threads.md). A passive wait policy makes idle threads sleep.
/// libgomp reads OMP_WAIT_POLICY once, when libtorch is loaded, and .NET's Environment.SetEnvironmentVariable does not
/// reach the native environment on Linux, so <see cref="Apply"/> calls setenv directly and must run before the first
/// torch call of the process.
/// </summary>
public static class ThreadPolicy
{
    public const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    /// <summary>
    /// libgomp's spin count before a waiting thread sleeps; an explicit value overrides the policy's (PASSIVE alone: 0).
    /// Alone on the machine, sleeping at once made a 2-thread training 1.4-1.6x slower per step than spinning, and a
    /// spin of 10000 (about 0.1 ms) was as fast as spinning for good (results/benchmarks/wait-policy-ip-procedural.md);
    /// but two such trainings at once ran 2.3x slower with it than with sleeping at once (…-2jobs.md). So the short
    /// spin is for a process that asks for every core (the convention: one job with all threads, or parallel jobs with
    /// one thread each).
    /// </summary>
    public const string SpinCountVariable = "GOMP_SPINCOUNT";
    public const string DefaultSpinCount = "10000";

    /// <summary>
    /// Sets OMP_WAIT_POLICY=PASSIVE unless the user set a policy, and, when <paramref name="threads"/> (the torch
    /// threads the command asks for) covers every logical core, GOMP_SPINCOUNT=10000 unless set; returns the policy.
    /// </summary>
    public static string Apply(int threads)
    {
        var current = Environment.GetEnvironmentVariable(WaitPolicyVariable);
        if (!string.IsNullOrWhiteSpace(current)) return current.Trim().ToUpperInvariant();
        SetNative(WaitPolicyVariable, "PASSIVE");
        var spin = Environment.GetEnvironmentVariable(SpinCountVariable);
        if (string.IsNullOrWhiteSpace(spin) && threads > 1 && threads >= Environment.ProcessorCount)
            SetNative(SpinCountVariable, spin = DefaultSpinCount);
        return string.IsNullOrWhiteSpace(spin) ? "PASSIVE" : $"PASSIVE, {SpinCountVariable}={spin.Trim()}";
    }

    /// <summary>The value of --threads N (or --threads=N) in a command line, else <paramref name="fallback"/>: read
    /// before the command line is parsed, because libgomp reads its variables when libtorch loads.</summary>
    public static int RequestedThreads(IReadOnlyList<string> args, int fallback)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var value = args[i].StartsWith("--threads=", StringComparison.Ordinal) ? args[i]["--threads=".Length..]
                : args[i] == "--threads" && i + 1 < args.Count ? args[i + 1] : null;
            if (value != null && int.TryParse(value, out var n)) return n;
        }
        return fallback;
    }

    /// <summary>The policy in force as the reports print it.</summary>
    public static string Describe() =>
        $"{WaitPolicyVariable}={Environment.GetEnvironmentVariable(WaitPolicyVariable) ?? "unset"}, {SpinCountVariable}={Environment.GetEnvironmentVariable(SpinCountVariable) ?? "unset"}";

    /// <summary>Sets a variable in the native environment (seen by libgomp and libtorch) and in .NET's view of it.</summary>
    public static void SetNative(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows()) _ = setenv(name, value, 1);
    }

    [DllImport("libc", SetLastError = true)]
    static extern int setenv(string name, string value, int overwrite);
}
