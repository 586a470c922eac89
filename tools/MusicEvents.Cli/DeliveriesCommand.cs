using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace MusicEvents.Cli;

/// <summary><c>deliveries</c>: the kept MusicAPI webhook deliveries, newest first, so a replay needs no log reading.</summary>
internal static class DeliveriesCommand
{
    public static Command Create()
    {
        var hours = new Option<int>("--hours") { Description = "how far back", DefaultValueFactory = _ => 24 };
        var limit = new Option<int>("--limit") { Description = "at most this many", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "print the route's JSON as it is" };
        var command = new Command("deliveries", "list recent MusicAPI webhook deliveries kept for replay") { hours, limit, json };
        command.SetAction(async (parse, target, cancel) =>
        {
            using var client = new MusicEventsClient(target);
            var answer = await client.GetAsync(
                string.Create(CultureInfo.InvariantCulture, $"api/webhooks/musicapi/deliveries?hours={parse.GetValue(hours)}&limit={parse.GetValue(limit)}"), cancel);
            if (!answer.IsSuccess)
            {
                CliAction.Error(answer.Problem());
                return CliAction.Unsuccessful;
            }

            var deliveries = answer.Json!.Value;
            if (parse.GetValue(json))
            {
                Console.WriteLine(deliveries.GetRawText());
                return CliAction.Ok;
            }

            var table = new Table().AddColumns("received (UTC)", "webhook id", "correlation id", "event", "kept (UTC)");
            foreach (var d in deliveries.EnumerateArray())
            {
                table.AddRow(
                    d.GetProperty("receivedAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    CliAction.Plain(d.GetProperty("webhookId").GetString()),
                    d.GetProperty("correlationId").GetGuid().ToString("D"),
                    CliAction.Plain(d.TryGetProperty("event", out var e) ? e.GetString() : null),
                    d.GetProperty("keptAt").GetDateTimeOffset().UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{deliveries.GetArrayLength()} deliveries; replay one with `musicevents replay <webhook id> --cid <correlation id>`.");
            return CliAction.Ok;
        });
        return command;
    }
}
