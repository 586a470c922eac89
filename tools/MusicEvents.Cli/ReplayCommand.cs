using System.CommandLine;

namespace MusicEvents.Cli;

/// <summary><c>replay &lt;webhookId&gt; [--cid &lt;correlationId&gt;]</c>: processes a kept MusicAPI delivery again (operators; see <c>deliveries</c>).</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("webhookId") { Description = "the delivery's X-Webhook-Id, as `musicevents deliveries` lists it" };
        var cid = new Option<Guid?>("--cid") { Description = "the delivery's correlation id (listed beside it): read by key instead of looked for across every task" };
        var command = new Command("replay", "process a kept MusicAPI webhook delivery again") { id, cid };
        command.SetAction(async (parse, target, cancel) =>
        {
            using var client = new MusicEventsClient(target);
            var byKey = parse.GetValue(cid) is { } correlationId ? $"?cid={correlationId:D}" : "";
            var answer = await client.PostAsync($"api/webhooks/musicapi/replay/{Uri.EscapeDataString(parse.GetValue(id)!)}{byKey}", cancel);
            if (!answer.IsSuccess)
            {
                CliAction.Error(answer.Problem());
                return CliAction.Unsuccessful;
            }

            var body = answer.Json!.Value;
            Console.WriteLine(
                $"Replayed {body.GetProperty("webhookId").GetString()} for {body.GetProperty("correlationId").GetGuid():D}: " +
                $"MusicAPI said {body.GetProperty("status").GetString()}, " +
                (body.GetProperty("published").GetBoolean() ? "its report was published again." : "nothing to publish."));
            return CliAction.Ok;
        });
        return command;
    }
}
