namespace Augment.Data.Imaging;

/// <summary>One image as float32 C x H x W in [-1, 1] (row-major, channel planes).</summary>
public sealed record ImageData(float[] Pixels, int Channels, int Height, int Width)
{
    public int Length => Channels * Height * Width;

    /// <summary>The byte value (0..255) that a float in [-1, 1] stands for; outside values are clamped.</summary>
    public static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round((v + 1f) * 127.5f), 0f, 255f);

    /// <summary>The float in [-1, 1] for a byte value 0..255.</summary>
    public static float FromByte(float b) => b / 127.5f - 1f;
}
