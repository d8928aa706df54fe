using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("augment");
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
});
return app.Run(args);
