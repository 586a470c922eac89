using System.CommandLine;
using System.Net;

namespace MusicEvents.Cli;

/// <summary>
/// <c>send extend|replace-section</c>: POSTs the request and, with <c>--wait</c>, shows each state
/// of the task as it comes, with its time, until it is stored or failed.
/// </summary>
internal static class SendCommand
{
    private static readonly Option<Guid?> CorrelationId = new("--correlation-id") { Description = "your id of the task (generated when absent); the same id twice is taken once" };
    private static readonly Option<string> ClipId = new("--clip-id") { Description = "the MusicAPI clip", Required = true };
    private static readonly Option<double> StartsAt = new("--starts-at") { Description = "seconds, fractions allowed", Required = true };
    private static readonly Option<double?> Length = new("--length") { Description = "extend: seconds to add, 1 to 240 (MusicAPI's default 60 when absent)" };
    private static readonly Option<double> EndsAt = new("--ends-at") { Description = "replace-section: end of the section, in seconds", Required = true };
    private static readonly Option<string?> Instruction = new("--instruction") { Description = "what the new part should sound like" };
    private static readonly Option<string?> Lyrics = new("--lyrics") { Description = "lyrics for the new part" };
    private static readonly Option<string?> Sound = new("--sound") { Description = "extend: a description of the sound" };
    private static readonly Option<bool> Wait = new("--wait") { Description = "show each state as it comes, until the task is stored or failed" };
    private static readonly Option<int> Timeout = new("--timeout") { Description = "with --wait: give up after this many seconds (exit code 3)", DefaultValueFactory = _ => 600 };

    public static Command Create()
    {
        var extend = new Command("extend", "extend a track from --starts-at seconds on") { CorrelationId, ClipId, StartsAt, Length, Instruction, Lyrics, Sound, Wait, Timeout };
        extend.SetAction((parse, target, cancel) => SendAsync(parse, target, "api/tracks/extend", new Dictionary<string, object?>
        {
            ["correlationId"] = parse.GetValue(CorrelationId) ?? Guid.NewGuid(),
            ["clipId"] = parse.GetValue(ClipId),
            ["startsAt"] = parse.GetValue(StartsAt),
            ["length"] = parse.GetValue(Length),
            ["instruction"] = parse.GetValue(Instruction),
            ["lyrics"] = parse.GetValue(Lyrics),
            ["sound"] = parse.GetValue(Sound),
        }, cancel));

        var replace = new Command("replace-section", "replace the section between --starts-at and --ends-at seconds") { CorrelationId, ClipId, StartsAt, EndsAt, Instruction, Lyrics, Wait, Timeout };
        replace.SetAction((parse, target, cancel) => SendAsync(parse, target, "api/tracks/replace-section", new Dictionary<string, object?>
        {
            ["correlationId"] = parse.GetValue(CorrelationId) ?? Guid.NewGuid(),
            ["clipId"] = parse.GetValue(ClipId),
            ["startsAt"] = parse.GetValue(StartsAt),
            ["endsAt"] = parse.GetValue(EndsAt),
            ["instruction"] = parse.GetValue(Instruction),
            ["lyrics"] = parse.GetValue(Lyrics),
        }, cancel));

        return new Command("send", "send a request to MusicEvents over HTTP (12 MusicAPI credits each)") { extend, replace };
    }

    private static async Task<int> SendAsync(ParseResult parse, Target target, string route, Dictionary<string, object?> body, CancellationToken cancellationToken)
    {
        using var client = new MusicEventsClient(target);
        var sentAt = DateTimeOffset.UtcNow;
        var answer = await client.PostAsync(route, body.Where(p => p.Value is not null).ToDictionary(), cancellationToken);
        if (!answer.IsSuccess)
        {
            CliAction.Error("refused: " + answer.Problem());
            return answer.Status == HttpStatusCode.BadRequest ? CliAction.Usage : CliAction.Unsuccessful;
        }

        var correlationId = answer.Json!.Value.GetProperty("correlationId").GetGuid();
        var statusUrl = answer.Json.Value.GetProperty("statusUrl").GetString();
        Console.WriteLine($"{Ansi.Grey(TimeText.Of(sentAt))}  {Ansi.Bold("Accepted")}  {correlationId:D}  (status: {new Uri(client.BaseAddress, statusUrl)})");
        return parse.GetValue(Wait) ? await WaitAsync(client, correlationId, sentAt, TimeSpan.FromSeconds(parse.GetValue(Timeout)), cancellationToken) : CliAction.Ok;
    }

    private static async Task<int> WaitAsync(MusicEventsClient client, Guid correlationId, DateTimeOffset sentAt, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var shown = 1; // "Accepted" was shown already, from the 202
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var answer = await client.GetAsync($"api/tracks/{correlationId:D}", cancellationToken);
            if (answer.Status != HttpStatusCode.NotFound)
            {
                if (!answer.IsSuccess)
                {
                    CliAction.Error("status: " + answer.Problem());
                    return CliAction.Unsuccessful;
                }

                var status = answer.Json!.Value;
                var steps = StatusView.Steps(status);
                foreach (var (at, state, note) in steps.Skip(shown))
                {
                    StatusView.Step(at, state, note, sentAt);
                }

                shown = Math.Max(shown, steps.Count);
                if (StatusView.IsFinal(status))
                {
                    StatusView.Outcome(status);
                    return StatusView.State(status) == "Stored" ? CliAction.Ok : CliAction.Unsuccessful;
                }
            }

            await Task.Delay(250, cancellationToken);
        }

        CliAction.Error($"no final state within {timeout.TotalSeconds:0} s; `musicevents status {correlationId:D}` shows where it is");
        return CliAction.TimedOut;
    }

}
