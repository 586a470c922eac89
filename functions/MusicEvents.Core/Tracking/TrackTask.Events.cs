using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// The events of a task's steps, rebuilt from the record: the first time a step is taken and every
/// time its input comes again, so both publish the same values (with the step's own time).
/// </summary>
public sealed partial record TrackTask
{
    private IReadOnlyList<object> EventsOf(TrackHistoryEntry entry) => entry.State switch
    {
        TrackTaskState.Submitted => [new TrackSubmitted(CorrelationId, TaskId ?? "", Operation, entry.At)],
        TrackTaskState.Completed => [new TrackCompleted(CorrelationId, TaskId ?? "", Operation, [.. Clips.Select(c => c.Source)], entry.At)],
        TrackTaskState.Failed when entry.Failure is { } failure =>
            [new TrackFailed(CorrelationId, TaskId, failure.Reason, failure.Message, failure.CreditsRefunded, entry.At)],
        _ => [],
    };

    private TrackStored StoredEventOf(TrackClipRecord clip) => new(
        CorrelationId,
        TaskId ?? "",
        clip.ClipId,
        clip.BlobUri!,
        clip.ContentType ?? "",
        clip.SizeBytes ?? 0,
        clip.Sha256 ?? "",
        clip.StoredAt ?? UpdatedAt);
}
