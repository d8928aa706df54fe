using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("augment");
    config.AddCommand<Augment.Experiments.Commands.BenchIdentityCommand>("bench-identity");
});
return app.Run(args);
