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
            Assert.Equal("ACTIVE", ThreadPolicy.Apply());
        }
        finally { Environment.SetEnvironmentVariable(ThreadPolicy.WaitPolicyVariable, before); }
    }
}

