namespace OneDnnRepro;

/// <summary>The CPU as /proc/cpuinfo names it, plus the ISA flags oneDNN dispatches on.</summary>
static class Machine
{
    static readonly string[] IsaFlags = ["avx2", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16"];

    public static string Describe()
    {
        if (!File.Exists("/proc/cpuinfo")) return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        var fields = new Dictionary<string, string>();
        foreach (var line in File.ReadLines("/proc/cpuinfo"))
        {
            if (line.Length == 0) break;   // first processor only
            var parts = line.Split(':', 2);
            if (parts.Length == 2) fields.TryAdd(parts[0].Trim(), parts[1].Trim());
        }
        string Get(string key) => fields.GetValueOrDefault(key, "?");
        var flags = Get("flags").Split(' ').ToHashSet();
        var family = int.TryParse(Get("cpu family"), out var f) ? f : -1;
        var model = int.TryParse(Get("model"), out var m) ? m : -1;
        return $"{Get("model name")} ({Get("vendor_id")} family {family} (0x{family:x}) model {model} (0x{model:x}) stepping {Get("stepping")}" +
            $"{Microarchitecture(Get("vendor_id"), family, model)}), microcode {Get("microcode")}, {Environment.ProcessorCount} logical CPUs; " +
            $"ISA flags: {string.Join(" ", IsaFlags.Where(flags.Contains))}";
    }

    /// <summary>AMD families are enough to name the core (0x19: Zen 3, or Zen 4 for models 0x10-0x1f and 0x60-0xaf; 0x1a: Zen 5); Intel needs a model table, left out.</summary>
    static string Microarchitecture(string vendor, int family, int model) => vendor switch
    {
        "AuthenticAMD" when family == 0x1a => ", Zen 5",
        "AuthenticAMD" when family == 0x19 && (model is >= 0x10 and <= 0x1f or >= 0x60 and <= 0xaf) => ", Zen 4",
        "AuthenticAMD" when family == 0x19 => ", Zen 3",
        _ => "",
    };
}
