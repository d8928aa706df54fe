using Spectre.Console.Cli;

// libtorch warns once per convolution that NNPACK does not support this CPU; keep real errors only.
if (Environment.GetEnvironmentVariable("TORCH_CPP_LOG_LEVEL") == null) Environment.SetEnvironmentVariable("TORCH_CPP_LOG_LEVEL", "ERROR");

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("augment");
    config.AddCommand<Augment.Experiments.Commands.ClassifyCvCommand>("classify-cv");
    config.AddCommand<Augment.Experiments.Commands.SweepCommand>("sweep");
    config.AddCommand<Augment.Experiments.Commands.ExportOnnxCommand>("export-onnx");
    config.AddCommand<Augment.Experiments.Commands.BenchAugmentCommand>("bench-augment");
    config.AddCommand<Augment.Experiments.Commands.DatasetsCommand>("datasets");
    config.AddCommand<Augment.Experiments.Commands.ContactSheetCommand>("contact-sheet");
    config.AddCommand<Augment.Experiments.Commands.ProceduralIntensityCommand>("procedural-intensity");
    config.AddCommand<Augment.Experiments.Commands.BenchIdentityCommand>("bench-identity");
    config.AddCommand<Augment.Experiments.Commands.ProbeIdentityCommand>("probe-identity");
    config.AddCommand<Augment.Experiments.Commands.TrainCommand>("train");
    config.AddCommand<Augment.Experiments.Commands.EditCommand>("edit");
    config.AddCommand<Augment.Experiments.Commands.GridCommand>("grid");
    config.AddCommand<Augment.Experiments.Commands.TransferCommand>("transfer");
    config.AddCommand<Augment.Experiments.Commands.BenchTrainCommand>("bench-train");
    config.AddCommand<Augment.Experiments.Commands.EvaluateCommand>("evaluate");
});
return app.Run(args);
