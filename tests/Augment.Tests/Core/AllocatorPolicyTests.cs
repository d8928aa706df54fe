using Augment.Core;

namespace Augment.Tests.Core;

/// <summary>The heap policy applied at start-up (TestProcess applies it to this assembly too).</summary>
public class AllocatorPolicyTests
{
    [Fact]
    public void DecidesOncePerProcessAndSaysWhat()
    {
        var first = AllocatorPolicy.Apply();
        Assert.StartsWith("allocator: ", first);
        Assert.Same(first, AllocatorPolicy.Apply());
        // This machine is Linux with glibc; unless the environment asked otherwise the settings took.
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("AUGMENT_ALLOCATOR") == null
            && !Environment.GetEnvironmentVariables().Keys.Cast<string>().Any(k => k.StartsWith("MALLOC_", StringComparison.Ordinal)))
            Assert.Equal("allocator: glibc, mmap threshold 32 MiB, trim threshold 1 GiB", first);
    }
}
