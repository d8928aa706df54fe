namespace Augment.Core;

public static class Seeding
{
    /// <summary>A stable child seed, so a seed per (split, run, stage) never collides with another.</summary>
    public static int Derive(int seed, params object[] parts)
    {
        unchecked
        {
            ulong h = 14695981039346656037UL ^ (ulong)seed;
            foreach (var part in parts)
                foreach (var ch in part.ToString() ?? "")
                    h = (h ^ ch) * 1099511628211UL;
            return (int)(h & 0x7fffffff);
        }
    }
}
