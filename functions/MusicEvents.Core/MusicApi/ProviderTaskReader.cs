using System.Globalization;
using System.Text.Json;
using MusicEvents.Contracts;

namespace MusicEvents.Core.MusicApi;

/// <summary>
/// Reads MusicAPI's task JSON leniently (musicapi.md): every field optional, <c>duration</c> as
/// number or string, <c>data</c> as array or object, <c>task_id</c> at the top or inside <c>data</c>,
/// and both the <c>status</c> answer shape and the older per-clip <c>state</c> one.
/// </summary>
public static class ProviderTaskReader
{
    /// <summary>Reads a webhook body; the event header, when present, decides the status.</summary>
    public static ProviderTaskReport ReadWebhook(JsonElement root, string? eventHeader)
    {
        var status = StatusFromEvent(eventHeader);
        if (status == ProviderTaskStatus.Unknown)
        {
            status = StatusFromEvent(Text(root, "event"));
        }

        if (status == ProviderTaskStatus.Unknown)
        {
            status = StatusFromBody(root);
        }

        return Report(root, status);
    }

    /// <summary>Reads the answer of <c>GET /producer/task/{id}</c>.</summary>
    public static ProviderTaskReport ReadPoll(JsonElement root) => Report(root, StatusFromBody(root));

    private static ProviderTaskReport Report(JsonElement root, ProviderTaskStatus status)
    {
        var data = Property(root, "data");
        var taskId = Text(root, "task_id")
            ?? (data is { ValueKind: JsonValueKind.Object } d ? Text(d, "task_id") : null);
        var clips = status == ProviderTaskStatus.Succeeded ? ReadClips(data) : [];
        return new ProviderTaskReport(status, taskId, clips, Text(root, "message") ?? Text(root, "error"), Bool(root, "refund_processed"));
    }

    private static ProviderTaskStatus StatusFromEvent(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "song.completed" or "song.succeeded" => ProviderTaskStatus.Succeeded,
        "song.failed" => ProviderTaskStatus.Failed,
        "song.streaming" => ProviderTaskStatus.Streaming,
        _ => ProviderTaskStatus.Unknown,
    };

    private static ProviderTaskStatus StatusFromBody(JsonElement root)
    {
        var status = Text(root, "status") ?? Text(root, "type") ?? Text(root, "state");
        var fromStatus = StatusFromWord(status);
        if (fromStatus != ProviderTaskStatus.Unknown)
        {
            return fromStatus;
        }

        // The older shape: no status, one state per clip; the task is done when every clip is.
        var states = Clips(Property(root, "data")).Select(c => StatusFromWord(Text(c, "state"))).ToList();
        if (states.Count > 0)
        {
            if (states.Contains(ProviderTaskStatus.Failed))
            {
                return ProviderTaskStatus.Failed;
            }

            // Done only when every clip is; otherwise as far along as the furthest unfinished clip.
            return states.All(s => s == ProviderTaskStatus.Succeeded)
                ? ProviderTaskStatus.Succeeded
                : states.Where(s => s != ProviderTaskStatus.Succeeded).Max() switch
                {
                    ProviderTaskStatus.Unknown => ProviderTaskStatus.Running,
                    var least => least,
                };
        }

        return Number(root, "code") is >= 400 ? ProviderTaskStatus.Failed : ProviderTaskStatus.Unknown;
    }

    private static ProviderTaskStatus StatusFromWord(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "pending" or "queued" or "submitted" => ProviderTaskStatus.Pending,
        "running" or "processing" => ProviderTaskStatus.Running,
        "streaming" => ProviderTaskStatus.Streaming,
        "success" or "succeeded" or "completed" or "complete" => ProviderTaskStatus.Succeeded,
        "failed" or "failure" or "error" => ProviderTaskStatus.Failed,
        _ => ProviderTaskStatus.Unknown,
    };

    private static List<CompletedClip> ReadClips(JsonElement? data) =>
        Clips(data)
            .Select(c => (Id: Text(c, "clip_id") ?? Text(c, "id"), Audio: Text(c, "audio_url"), Clip: c))
            .Where(c => !string.IsNullOrWhiteSpace(c.Id) && !string.IsNullOrWhiteSpace(c.Audio))
            .Select(c => new CompletedClip(
                c.Id!, c.Audio!, Text(c.Clip, "wav_url"), Text(c.Clip, "image_url"), Text(c.Clip, "title"), Number(c.Clip, "duration")))
            .ToList();

    private static IEnumerable<JsonElement> Clips(JsonElement? data) => data switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object),
        { ValueKind: JsonValueKind.Object } one when Property(one, "clips") is { ValueKind: JsonValueKind.Array } inner => Clips(inner),
        { ValueKind: JsonValueKind.Object } one => [one],
        _ => [],
    };

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static double? Number(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var d) && double.IsFinite(d) => d,
        { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };

    private static bool? Bool(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s when bool.TryParse(s.GetString(), out var b) => b,
        _ => null,
    };
}
