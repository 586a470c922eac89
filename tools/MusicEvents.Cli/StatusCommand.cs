using System.CommandLine;
using System.Net;

namespace MusicEvents.Cli;

/// <summary><c>status &lt;correlationId&gt;</c>: where a task is, what it produced and how it got there.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var id = new Argument<Guid>("correlationId") { Description = "the task's correlationId" };
        var json = new Option<bool>("--json") { Description = "print the status route's JSON as it is" };
        var command = new Command("status", "show a task's state, clips, failure and history") { id, json };
        command.SetAction(async (parse, target, cancel) =>
        {
            using var client = new MusicEventsClient(target);
            var answer = await client.GetAsync($"api/tracks/{parse.GetValue(id):D}", cancel);
            if (answer.Status == HttpStatusCode.NotFound)
            {
                CliAction.Error($"no task {parse.GetValue(id):D} (right after a send, the command may not be taken yet)");
                return CliAction.Unsuccessful;
            }

            if (!answer.IsSuccess)
            {
                CliAction.Error(answer.Problem());
                return CliAction.Unsuccessful;
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(answer.Json!.Value.GetRawText());
            }
            else
            {
                StatusView.Show(answer.Json!.Value);
            }

            return CliAction.Ok;
        });
        return command;
    }
}
