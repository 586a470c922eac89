using System.CommandLine;
using MusicEvents.Cli;
using Spectre.Console;

// Redirected output (a pipe, a file, a test) is not wrapped at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 1000;
}

var root = new RootCommand("musicevents: talk to a running MusicEvents (by default the one `./dev up` started)")
{
    Target.DevHostOption,
    Target.RabbitMqOption,
    Target.FunctionKeyOption,
    Target.StateOption,
    SendCommand.Create(),
    StatusCommand.Create(),
    ListenCommand.Create(),
    DeliveriesCommand.Create(),
    ReplayCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
