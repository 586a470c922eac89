using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>The JSON answer of the status route.</summary>
public sealed record TrackStatus(
    Guid CorrelationId,
    string Operation,
    string State,
    string? TaskId,
    IReadOnlyList<TrackStatus.Clip> Clips,
    TrackStatus.FailureInfo? Failure,
    TrackStatus.WaitInfo? Waiting,
    IReadOnlyList<TrackStatus.Step> History)
{
    public static TrackStatus Of(TrackTask task) => new(
        task.CorrelationId,
        task.Operation.ToString(),
        task.State.ToString(),
        task.TaskId,
        [.. task.Clips.Select(c => new Clip(c.ClipId, c.Source.DurationSeconds, c.BlobUri, c.ContentType, c.SizeBytes, c.Sha256))],
        task.Failure is { } failure ? new FailureInfo(failure.Reason.ToString(), failure.Message, failure.CreditsRefunded) : null,
        task.IsWaiting ? new WaitInfo(task.Waiting!.Reason.ToString(), task.Waiting.Message, task.Waiting.Since, task.Waiting.Until) : null,
        [.. task.History.Select(h => new Step(h.State.ToString(), h.At, h.Note))]);

    public sealed record Clip(string ClipId, double? DurationSeconds, Uri? BlobUri, string? ContentType, long? SizeBytes, string? Sha256);

    public sealed record FailureInfo(string Reason, string Message, bool? CreditsRefunded);

    /// <summary>Why an accepted task is not sent to MusicAPI yet, and until when if known.</summary>
    public sealed record WaitInfo(string Reason, string Message, DateTimeOffset Since, DateTimeOffset? Until);

    public sealed record Step(string State, DateTimeOffset At, string? Note);
}
