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
    IReadOnlyList<TrackStatus.Step> History)
{
    public static TrackStatus Of(TrackTask task) => new(
        task.CorrelationId,
        task.Operation.ToString(),
        task.State.ToString(),
        task.TaskId,
        [.. task.Clips.Select(c => new Clip(c.ClipId, c.Source.DurationSeconds, c.BlobUri, c.ContentType, c.SizeBytes, c.Sha256))],
        task.Failure is { } failure ? new FailureInfo(failure.Reason.ToString(), failure.Message, failure.CreditsRefunded) : null,
        [.. task.History.Select(h => new Step(h.State.ToString(), h.At, h.Note))]);

    public sealed record Clip(string ClipId, double? DurationSeconds, Uri? BlobUri, string? ContentType, long? SizeBytes, string? Sha256);

    public sealed record FailureInfo(string Reason, string Message, bool? CreditsRefunded);

    public sealed record Step(string State, DateTimeOffset At, string? Note);
}
