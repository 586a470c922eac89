using System.Text.Json;

namespace MusicEvents.Cli;

/// <summary>The status route's answer, shown: state, clips, failure, why it waits, and each step with its time.</summary>
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
        Console.WriteLine(
            $"{Ansi.Grey(TimeText.Of(at))}{(since is { } start ? " " + Ansi.Grey(TimeText.Since(start, at)) : "")}  {Ansi.Bold(state)}  {note}");

    public static void Outcome(JsonElement status)
    {
        if (status.TryGetProperty("clips", out var clips))
        {
            foreach (var clip in clips.EnumerateArray())
            {
                var blob = Text(clip, "blobUri");
                Console.WriteLine(
                    $"  clip {Ansi.Bold(Text(clip, "clipId"))}  {Text(clip, "durationSeconds")} s" +
                    (blob.Length > 0 ? $"  {Text(clip, "sizeBytes")} bytes  sha256 {Text(clip, "sha256")}\n    {Ansi.Green(blob)}" : "  (not stored yet)"));
            }
        }

        if (status.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.Object)
        {
            Console.WriteLine($"{Ansi.Red("Failed: " + Text(failure, "reason"))}  {Text(failure, "message")}");
            if (Text(failure, "reason") is "TimedOut" or "SubmissionOutcomeUnknown")
            {
                Console.WriteLine("A late success from MusicAPI may still complete it: `musicevents status` or `listen` will show it.");
            }
        }
    }

    public static void Show(JsonElement status)
    {
        Console.WriteLine(
            $"{Ansi.Bold(Text(status, "correlationId"))}  {Text(status, "operation")}  {Ansi.Bold(State(status))}  task {Text(status, "taskId")}");
        foreach (var (at, state, note) in Steps(status))
        {
            Step(at, state, note);
        }

        Waiting(status);
        Outcome(status);
    }

    /// <summary>An accepted task not yet sent to MusicAPI: the reason, in the gate's words, and until when if known.</summary>
    public static void Waiting(JsonElement status)
    {
        if (!status.TryGetProperty("waiting", out var waiting) || waiting.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var since = waiting.TryGetProperty("since", out var s) && s.ValueKind == JsonValueKind.String ? $"  since {TimeText.Of(s.GetDateTimeOffset())}" : "";
        var until = waiting.TryGetProperty("until", out var u) && u.ValueKind == JsonValueKind.String ? $", until {TimeText.Of(u.GetDateTimeOffset())}" : "";
        Console.WriteLine($"{Ansi.Yellow("Waiting: " + Text(waiting, "reason"))}  {Text(waiting, "message")}{since}{until}");
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        } : "";
}
