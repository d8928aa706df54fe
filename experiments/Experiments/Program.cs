using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("augment");
    config.AddCommand<Augment.Experiments.Commands.ClassifyCvCommand>("classify-cv");
});
return app.Run(args);
