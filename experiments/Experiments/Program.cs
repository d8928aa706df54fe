using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("augment");
    config.AddCommand<Augment.Experiments.Commands.ExportOnnxCommand>("export-onnx");
    config.AddCommand<Augment.Experiments.Commands.BenchAugmentCommand>("bench-augment");
});
return app.Run(args);
