using System.Text.Json;
using Spectre.Console;

namespace MusicEvents.Cli;

/// <summary>The status route's answer, shown: state, clips, failure and each step with its time.</summary>
internal static class StatusView
{
    public static bool IsFinal(JsonElement status) => State(status) is "Stored" or "Failed";

    public static string State(JsonElement status) => status.GetProperty("state").GetString() ?? "";

    public static IReadOnlyList<(DateTimeOffset At, string State, string? Note)> Steps(JsonElement status) =>
        [.. status.GetProperty("history").EnumerateArray().Select(s => (
            s.GetProperty("at").GetDateTimeOffset(),
            s.GetProperty("state").GetString() ?? "",
            s.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String ? note.GetString() : null))];

    public static void Step(DateTimeOffset at, string state, string? note, DateTimeOffset? since = null) =>
        AnsiConsole.MarkupLine(
            $"[grey]{TimeText.Of(at)}[/]{(since is { } start ? " [grey]" + TimeText.Since(start, at) + "[/]" : "")}  [bold]{CliAction.Plain(state)}[/]  {CliAction.Plain(note)}");

    public static void Outcome(JsonElement status)
    {
        if (status.TryGetProperty("clips", out var clips) && clips.GetArrayLength() > 0)
        {
            var table = new Table().AddColumns("clip", "seconds", "stored at", "bytes", "sha256");
            foreach (var clip in clips.EnumerateArray())
            {
                table.AddRow(
                    CliAction.Plain(Text(clip, "clipId")),
                    CliAction.Plain(Text(clip, "durationSeconds")),
                    CliAction.Plain(Text(clip, "blobUri")),
                    CliAction.Plain(Text(clip, "sizeBytes")),
                    CliAction.Plain(Text(clip, "sha256")));
            }

            AnsiConsole.Write(table);
        }

        if (status.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.Object)
        {
            AnsiConsole.MarkupLine($"[red]Failed: {CliAction.Plain(Text(failure, "reason"))}[/] {CliAction.Plain(Text(failure, "message"))}");
            if (Text(failure, "reason") is "TimedOut" or "SubmissionOutcomeUnknown")
            {
                AnsiConsole.MarkupLine("A late success from MusicAPI may still complete it: `musicevents status` or `listen` will show it.");
            }
        }
    }

    public static void Show(JsonElement status)
    {
        AnsiConsole.MarkupLine(
            $"[bold]{CliAction.Plain(Text(status, "correlationId"))}[/]  {CliAction.Plain(Text(status, "operation"))}  " +
            $"[bold]{CliAction.Plain(State(status))}[/]  task {CliAction.Plain(Text(status, "taskId"))}");
        foreach (var (at, state, note) in Steps(status))
        {
            Step(at, state, note);
        }

        Outcome(status);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        } : "";
}
