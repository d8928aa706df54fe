namespace Augment.Augmentation.Generation;

/// <summary>
/// Counter-based random numbers: every draw is a pure function of (seed, stream, index), so any row of the
/// synthetic plan can be recomputed alone and every cursor sees the same values (SplitMix64 finalizer).
/// </summary>
internal static class CounterRandom
{
    public static ulong Bits(int seed, ulong stream, long index)
    {
        unchecked
        {
            var x = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ stream * 0xD1B54A32D192ED03UL ^ (ulong)index * 0xBF58476D1CE4E5B9UL;
            x = Mix(x + 0x9E3779B97F4A7C15UL);
            return Mix(x ^ (ulong)index);
        }
    }

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public static double Uniform(int seed, ulong stream, long index) => (Bits(seed, stream, index) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public static int Below(int seed, ulong stream, long index, int n) => (int)(Uniform(seed, stream, index) * n);

    /// <summary>Fisher-Yates shuffle in place, draws taken from (seed, stream, position).</summary>
    public static void Shuffle<T>(T[] items, int seed, ulong stream)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            var j = Below(seed, stream, i, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
