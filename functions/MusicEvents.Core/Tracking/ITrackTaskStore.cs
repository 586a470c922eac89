namespace MusicEvents.Core.Tracking;

/// <summary>Where task records are kept: one per correlation id, written only against the version it was read at.</summary>
public interface ITrackTaskStore
{
    Task<TrackTask?> FindAsync(Guid correlationId, CancellationToken cancellationToken);

    /// <summary>
    /// For a consumer about to change the task: the version this process wrote or read last when it
    /// still holds one (no request), else as <see cref="FindAsync"/>. The version may be behind
    /// another instance's write: a change asked of it is written against its ETag, so that write is
    /// refused and the retry reads the record. A decision to write nothing is not safe on it (a
    /// version behind may refuse an input the record takes: a clip to store while it still says
    /// Submitted), so such a decision is taken again on <see cref="FindAsync"/> when the answer came
    /// from memory (<see cref="TrackTaskRead.Remembered"/>). Never for answering a caller (the status
    /// route reads the record).
    /// </summary>
    async Task<TrackTaskRead> FindToChangeAsync(Guid correlationId, CancellationToken cancellationToken) =>
        new(await FindAsync(correlationId, cancellationToken), Remembered: false);

    /// <summary>
    /// Inserts a record read from nowhere (no ETag) or replaces the one at its ETag; returns it with its new ETag.
    /// </summary>
    /// <exception cref="TrackTaskConflictException">Someone else wrote it first: read it again and decide again.</exception>
    Task<TrackTask> SaveAsync(TrackTask task, CancellationToken cancellationToken) => SaveAsync(task, null, cancellationToken);

    /// <summary>
    /// The same, keeping <paramref name="delivery"/> (the webhook delivery whose report this write
    /// takes) in the same transaction: both are written, or neither.
    /// </summary>
    /// <exception cref="TrackTaskConflictException">Someone else wrote it first: read it again and decide again.</exception>
    Task<TrackTask> SaveAsync(TrackTask task, WebhookDelivery? delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves <paramref name="correlationId"/> for the request with <paramref name="fingerprint"/>
    /// (insert-if-absent, beside the task's record, not its state): the first request wins.
    /// </summary>
    /// <returns>The fingerprint the id is reserved for: this one, unless another request took it first.</returns>
    Task<string> ReserveAsync(Guid correlationId, string fingerprint, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the task's whole partition (its record, its request's reservation, every row kept
    /// beside it) when its record is final and unchanged since before <paramref name="finishedBefore"/>:
    /// one query of the partition and one transaction.
    /// </summary>
    Task<FinishedTaskDeletion> DeleteIfFinishedBeforeAsync(Guid correlationId, DateTimeOffset finishedBefore, CancellationToken cancellationToken);
}
