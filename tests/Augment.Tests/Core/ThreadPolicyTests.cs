using System.Runtime.InteropServices;
using Augment.Core;

namespace Augment.Tests.Core;

/// <summary>
/// Issue 10 item 8: the wait policy must reach the native environment libgomp reads; .NET's
/// Environment.SetEnvironmentVariable alone does not on Linux (this test fails with it).
/// </summary>
public class ThreadPolicyTests
{
    [DllImport("libc")]
    static extern IntPtr getenv(string name);

    [Fact]
    public void VariablesAreSetInTheNativeEnvironment()
    {
        if (OperatingSystem.IsWindows()) return;
        const string name = "AUGMENT_THREAD_POLICY_TEST";
        ThreadPolicy.SetNative(name, "PASSIVE");
        Assert.Equal("PASSIVE", Marshal.PtrToStringAnsi(getenv(name)));
        Assert.Equal("PASSIVE", Environment.GetEnvironmentVariable(name));
    }

    [Fact]
    public void AUserSettingIsKept()
    {
        var before = Environment.GetEnvironmentVariable(ThreadPolicy.WaitPolicyVariable);
        try
        {
            Environment.SetEnvironmentVariable(ThreadPolicy.WaitPolicyVariable, "active");
            Assert.Equal("ACTIVE", ThreadPolicy.Apply(Environment.ProcessorCount));
        }
        finally { Environment.SetEnvironmentVariable(ThreadPolicy.WaitPolicyVariable, before); }
    }

    /// <summary>Without a user setting, a process given every core spins briefly before its threads sleep, one given
    /// fewer sleeps at once; a user's spin count is kept.</summary>
    [Fact]
    public void TheDefaultSpinsBrieflyOnlyForAProcessGivenEveryCore()
    {
        if (OperatingSystem.IsWindows()) return;
        var policy = Environment.GetEnvironmentVariable(ThreadPolicy.WaitPolicyVariable);
        var spin = Environment.GetEnvironmentVariable(ThreadPolicy.SpinCountVariable);
        void Reset(string? spinCount)
        {
            Environment.SetEnvironmentVariable(ThreadPolicy.WaitPolicyVariable, null);
            Environment.SetEnvironmentVariable(ThreadPolicy.SpinCountVariable, spinCount);
        }
        try
        {
            Reset(null);
            Assert.Equal("PASSIVE", ThreadPolicy.Apply(1));
            Reset(null);
            var all = Math.Max(2, Environment.ProcessorCount);
            Assert.Equal("PASSIVE, GOMP_SPINCOUNT=10000", ThreadPolicy.Apply(all));
            Assert.Equal("10000", Marshal.PtrToStringAnsi(getenv(ThreadPolicy.SpinCountVariable)));
            Reset("0");
            Assert.Equal("PASSIVE, GOMP_SPINCOUNT=0", ThreadPolicy.Apply(all));
        }
        finally
        {
            ThreadPolicy.SetNative(ThreadPolicy.WaitPolicyVariable, policy ?? "PASSIVE");
            if (spin != null) ThreadPolicy.SetNative(ThreadPolicy.SpinCountVariable, spin);
            else Environment.SetEnvironmentVariable(ThreadPolicy.SpinCountVariable, null);
        }
    }

    [Theory]
    [InlineData(new[] { "train", "--threads", "1" }, 1)]
    [InlineData(new[] { "sweep", "--threads=4", "--folds", "5" }, 4)]
    [InlineData(new[] { "train", "--epochs", "1,1,1" }, 2)]
    [InlineData(new[] { "train", "--threads" }, 2)]
    public void TheThreadsOfTheCommandLineAreReadBeforeParsing(string[] args, int expected) =>
        Assert.Equal(expected, ThreadPolicy.RequestedThreads(args, 2));
}
