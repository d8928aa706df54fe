using System.Globalization;
using OneDnnRepro;
using TorchSharp;

// Minimal reproduction of a wrong oneDNN float32 conv2d in libtorch-cpu (docs/platform.md). Usage:
//   onednn-repro [--threads N] [--scan] [--config]
// Prints the machine, libtorch/oneDNN versions, then the errors of one conv2d (forward, input gradient, weight
// gradient) with oneDNN on and off against float64. Exit code 1 when oneDNN is wrong here, 0 when right.
// ONEDNN_VERBOSE=1 in the environment makes oneDNN print the kernel it picks; ONEDNN_MAX_CPU_ISA=AVX2 (etc.) caps the ISA.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var threads = 1;
bool scan = false, config = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--scan": scan = true; break;
        case "--config": config = true; break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}; use [--threads N] [--scan] [--config]"); return 2;
    }
}
torch.set_num_threads(threads);

Console.WriteLine($"CPU:       {Machine.Describe()}");
Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version}, libtorch {torch.__version__}, {LibTorchNative.OneDnnVersion()}");
Console.WriteLine($"threads:   {torch.get_num_threads()} (torch.set_num_threads)");
foreach (var name in new[] { "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "ONEDNN_VERBOSE", "OMP_NUM_THREADS" })
    if (Environment.GetEnvironmentVariable(name) is { } v) Console.WriteLine($"env:       {name}={v}");
if (config) Console.WriteLine(LibTorchNative.ShowConfig());

// The two smallest cases found by --scan: 17+ input channels not a multiple of 16 break the output; output channels
// not a multiple of 16 break the input gradient.
ConvCase[] minimal = [new(4, 22, 16, 8, 3, 1), new(4, 16, 1, 8, 3, 1)];
var wrong = false;
Console.WriteLine();
Console.WriteLine("relative max error vs float64 (|a - ref|max / |ref|max); > 1e-4 is wrong");
Console.WriteLine($"{"case",-36} {"oneDNN",-6} {"output",10} {"grad input",10} {"grad weight",11}");
foreach (var c in minimal)
    foreach (var on in new[] { true, false })
    {
        var e = ConvCheck.Run(c, on);
        wrong |= on && e.AnyWrong;
        Console.WriteLine($"{c,-36} {(on ? "on" : "off"),-6} {e.Output,10:E1} {e.GradInput,10:E1} {e.GradWeight,11:E1}  {(e.AnyWrong ? "WRONG " + e.Code : "ok")}");
    }

if (scan) Scan.Run();
Console.WriteLine();
Console.WriteLine(wrong ? "oneDNN conv2d is WRONG on this machine." : "oneDNN conv2d is right on this machine (for these cases).");
return wrong ? 1 : 0;
