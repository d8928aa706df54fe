namespace OneDnnRepro;

/// <summary>
/// What triggers the defect: a grid of input x output channels at one shape, then one varied dimension at a time
/// (batch, side, kernel, stride, threads) for a forward-breaking and a gradient-breaking channel pair. oneDNN on
/// only; every off-run of the minimal cases is right, so the ATen path is not rescanned.
/// </summary>
static class Scan
{
    static readonly long[] Inputs = [1, 3, 8, 15, 16, 17, 20, 22, 24, 31, 32, 33, 40, 47, 48, 50, 56, 64, 70, 72, 80, 96, 128, 136];
    static readonly long[] Outputs = [1, 3, 8, 15, 16, 17, 22, 24, 32, 40, 48, 64, 128];

    public static void Run()
    {
        Console.WriteLine();
        Console.WriteLine("Grid, oneDNN on, N=4 8x8 k=3 s=1: '.' right, F output wrong, I input gradient wrong, W weight gradient wrong");
        Console.WriteLine($"{"Cin \\ Cout",10} " + string.Join("", Outputs.Select(o => $"{o,5}")));
        foreach (var cin in Inputs)
            Console.WriteLine($"{cin,10} " + string.Join("", Outputs.Select(cout => $"{ConvCheck.Run(new(4, cin, cout, 8, 3, 1), true).Code,5}")));

        ConvCase forward = new(4, 22, 16, 8, 3, 1), gradient = new(4, 16, 1, 8, 3, 1);
        foreach (var (name, baseCase) in new[] { ("output (Cin 22, Cout 16)", forward), ("input gradient (Cin 16, Cout 1)", gradient) })
        {
            Console.WriteLine();
            Console.WriteLine($"One dimension at a time from {baseCase}, breaking the {name}:");
            Row("batch N", [1, 2, 4, 16, 32], n => baseCase with { N = n });
            Row("side S", [4, 8, 16, 32, 64], s => baseCase with { Size = s });
            Row("kernel k", [1, 3, 5], k => baseCase with { Kernel = k });
            Row("stride s", [1, 2], s => baseCase with { Stride = s });
            var threads = TorchSharp.torch.get_num_threads();
            Console.Write($"  {"threads",-8}");
            foreach (var t in new[] { 1, 2 })
            {
                TorchSharp.torch.set_num_threads(t);
                Console.Write($"  {t}:{ConvCheck.Run(baseCase, true).Code,-3}");
            }
            TorchSharp.torch.set_num_threads(threads);
            Console.WriteLine();
        }
    }

    static void Row(string label, long[] values, Func<long, ConvCase> make)
    {
        Console.Write($"  {label,-8}");
        foreach (var v in values) Console.Write($"  {v}:{ConvCheck.Run(make(v), true).Code,-3}");
        Console.WriteLine();
    }
}
