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

    /// <summary>Sets OMP_WAIT_POLICY=PASSIVE unless the user set it; returns the policy in force.</summary>
    public static string Apply()
    {
        var current = Environment.GetEnvironmentVariable(WaitPolicyVariable);
        if (!string.IsNullOrWhiteSpace(current)) return current.Trim().ToUpperInvariant();
        SetNative(WaitPolicyVariable, "PASSIVE");
        return "PASSIVE";
    }

    /// <summary>Sets a variable in the native environment (seen by libgomp and libtorch) and in .NET's view of it.</summary>
    public static void SetNative(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows()) _ = setenv(name, value, 1);
    }

    [DllImport("libc", SetLastError = true)]
    static extern int setenv(string name, string value, int overwrite);
}
