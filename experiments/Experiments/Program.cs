using Augment.Core;
using Augment.Experiments;
using Augment.Torch;

// Before libtorch loads (the first torch call): idle OpenMP threads sleep instead of spinning, so a busy machine does
// not slow training down many times over; a command given every core spins briefly first (ThreadPolicy;
// results/benchmarks/threads.md, wait-policy-*.md).
ThreadPolicy.Apply(ThreadPolicy.RequestedThreads(args, new TorchOptions().Threads));
// Freed activations stay in the heap for the next step instead of going back to the kernel (AllocatorPolicy).
AllocatorPolicy.Apply();
// libtorch warns once per convolution that NNPACK does not support this CPU; keep real errors only.
if (Environment.GetEnvironmentVariable("TORCH_CPP_LOG_LEVEL") == null) ThreadPolicy.SetNative("TORCH_CPP_LOG_LEVEL", "ERROR");
// oneDNN on or off for every convolution of the process, decided here once (ConvolutionGuard; docs/platform.md).
ConvolutionGuard.Apply();

// Ctrl-C asks the running command to stop at its next safe point (train: the last finished epoch; sweep: the last
// finished cell) and say how to resume; a second Ctrl-C ends the process at once.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (stop.IsCancellationRequested) return;
    e.Cancel = true;
    Console.Error.WriteLine("\nstopping at the next safe point (Ctrl-C again to end now)...");
    stop.Cancel();
};
return CliApp.Create().Run(args, stop.Token);
