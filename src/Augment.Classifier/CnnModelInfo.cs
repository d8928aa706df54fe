namespace Augment.Classifier;

/// <summary>What a trained CNN needs to score rows, saved beside its weights in the ML.NET model file.</summary>
internal sealed record CnnModelInfo(string FeatureColumnName, int Channels, int Height, int Width, PixelScale Scale,
    CnnArchitecture Architecture, string[] ClassNames)
{
    public int ImageSize => Channels * Height * Width;
    public int ClassCount => ClassNames.Length;

    public void Write(BinaryWriter w)
    {
        w.Write(FeatureColumnName);
        w.Write(Channels); w.Write(Height); w.Write(Width);
        w.Write((int)Scale);
        w.Write(Architecture.Name);
        w.Write(Architecture.Widths.Length);
        foreach (var width in Architecture.Widths) w.Write(width);
        w.Write(Architecture.ConvsPerBlock); w.Write(Architecture.Hidden); w.Write(Architecture.Dropout);
        w.Write(ClassNames.Length);
        foreach (var name in ClassNames) w.Write(name);
        w.Write(Architecture.SpaceToDepth);
    }

    /// <summary>Version 0x00010002 added the space-to-depth flag; models written before it have the plain stem.</summary>
    public const uint SpaceToDepthVersion = 0x00010002;

    public static CnnModelInfo Read(BinaryReader r, uint writtenVersion)
    {
        var feature = r.ReadString();
        var (c, h, w) = (r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        var scale = (PixelScale)r.ReadInt32();
        if (!Enum.IsDefined(scale)) throw new InvalidDataException($"The ML.NET model names an unknown pixel scale ({(int)scale}).");
        var archName = r.ReadString();
        var widths = new int[r.ReadInt32()];
        for (var i = 0; i < widths.Length; i++) widths[i] = r.ReadInt32();
        var architecture = new CnnArchitecture(archName, widths, r.ReadInt32(), r.ReadInt32(), r.ReadDouble());
        var names = new string[r.ReadInt32()];
        for (var i = 0; i < names.Length; i++) names[i] = r.ReadString();
        if (writtenVersion >= SpaceToDepthVersion) architecture = architecture with { SpaceToDepth = r.ReadBoolean() };
        if (c < 1 || h < 1 || w < 1 || names.Length < 2) throw new InvalidDataException($"The ML.NET model holds an invalid CNN description ({c}x{h}x{w}, {names.Length} classes).");
        return new CnnModelInfo(feature, c, h, w, scale, architecture, names);
    }
}
