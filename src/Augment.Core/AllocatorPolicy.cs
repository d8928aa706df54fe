using System.Runtime.InteropServices;

namespace Augment.Core;

/// <summary>
/// How glibc's malloc hands memory back to the kernel. libtorch allocates and frees each activation and gradient
/// (megabytes each) every training step; by default glibc serves blocks that large with mmap and unmaps them on free,
/// so the next step takes a page fault (and a zeroed page) for every 4 KiB of them again. <see cref="Apply"/> raises
/// the mmap threshold to its maximum (32 MiB) and keeps up to 1 GiB of freed heap instead of trimming it, so those
/// blocks are reused: 4-8x fewer page faults and a fraction of the kernel time (results/benchmarks/allocator-intel-xeon.md). A process-level choice: the host calls it once at start-up.
/// Any MALLOC_*_ variable the user set wins (glibc reads those itself), AUGMENT_ALLOCATOR=system keeps glibc's
/// defaults (to measure the difference), and elsewhere than glibc it does nothing.
/// </summary>
public static class AllocatorPolicy
{
    const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3;   // mallopt parameters (malloc.h)
    const int MaxMmapThreshold = 32 << 20;                           // glibc's ceiling on 64-bit (HEAP_MAX / 2)
    const int KeptFreeHeap = 1 << 30;

    static string? _outcome;

    /// <summary>What was done (once per process; later calls return the first outcome).</summary>
    public static string Apply() => _outcome ??= Decide();

    static string Decide()
    {
        if (!OperatingSystem.IsLinux()) return "allocator: system default (not Linux)";
        if (Environment.GetEnvironmentVariable("AUGMENT_ALLOCATOR")?.Trim().ToLowerInvariant() is { Length: > 0 } asked)
            return asked == "system" ? "allocator: system default (AUGMENT_ALLOCATOR=system)"
                : throw new InvalidOperationException($"AUGMENT_ALLOCATOR={asked}: use system (or leave it unset for the tuned heap).");
        if (Environment.GetEnvironmentVariables().Keys.Cast<string>().Any(k => k.StartsWith("MALLOC_", StringComparison.Ordinal) && k.EndsWith('_')))
            return "allocator: glibc tuned by the user's MALLOC_*_ variables";
        try
        {
            var ok = mallopt(MmapThreshold, MaxMmapThreshold) == 1
                     & mallopt(TrimThreshold, KeptFreeHeap) == 1
                     & mallopt(TopPad, 64 << 20) == 1;
            return ok ? "allocator: glibc, mmap threshold 32 MiB, trim threshold 1 GiB" : "allocator: glibc refused the settings (default kept)";
        }
        catch (EntryPointNotFoundException) { return "allocator: system default (no mallopt: not glibc)"; }
        catch (DllNotFoundException) { return "allocator: system default (no libc)"; }
    }

    [DllImport("libc")]
    static extern int mallopt(int param, int value);
}
