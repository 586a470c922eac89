namespace MusicEvents.Core.Submission.Gate;

/// <summary>
/// What every instance asks before a create call, kept in storage so that it holds across
/// instances: at most MusicApi:MaxInFlight tasks submitted and not final, no call while MusicAPI's
/// Retry-After runs, and the day's MusicApi:DailyCreditBudget. Its places are also the list of open
/// tasks the timer reads: every task claimed and not final holds one (a task accepted and not claimed
/// yet has its command on its queue, held or sent again by its consumer). And it lists the finished
/// tasks for retention, each in the transaction that gives its place back.
/// </summary>
public interface ISubmissionGate
{
    /// <summary>Takes a place for the task (or finds the one it holds), or says why it must wait.</summary>
    Task<GateDecision> TryEnterAsync(Guid correlationId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the place back while the task stays open (MusicAPI did not take it: it is sent again
    /// later); a call that was not charged gives its credits back to the day too.
    /// </summary>
    Task LeaveAsync(Guid correlationId, bool charged, CancellationToken cancellationToken);

    /// <summary>No create call from any instance before <paramref name="until"/> (MusicAPI's Retry-After).</summary>
    Task PauseAsync(DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// After the write that made a task holding a place final: its place is given back and the task
    /// listed as finished at <paramref name="finishedAt"/>, in one transaction (a crash before it
    /// leaves the place to the timer, which does both). Found holding no place, it is listed alone.
    /// </summary>
    Task FinishAsync(Guid correlationId, DateTimeOffset finishedAt, bool charged, CancellationToken cancellationToken);

    /// <summary>
    /// Lists a task that holds no place as finished at <paramref name="finishedAt"/>: before its final
    /// write, so that no finished record is ever missing from the list (retention drops a row whose
    /// task turns out open or absent).
    /// </summary>
    Task RecordFinishedAsync(Guid correlationId, DateTimeOffset finishedAt, CancellationToken cancellationToken);

    /// <summary>The places held now (about MusicApi:MaxInFlight at most), whatever the history.</summary>
    IAsyncEnumerable<GatePlace> ListPlacesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Frees a place left behind: its holder is final (listed as finished at <paramref name="finishedAt"/>
    /// in the same transaction) or was never written (null). False when the place changed since it was listed.
    /// </summary>
    Task<bool> FreeAsync(GatePlace place, DateTimeOffset? finishedAt, CancellationToken cancellationToken);

    /// <summary>The tasks listed as finished before <paramref name="finishedBefore"/>, oldest first.</summary>
    IAsyncEnumerable<FinishedTask> ListFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken);

    /// <summary>Takes these rows off the list of finished tasks (their records are deleted, or listed again).</summary>
    Task ForgetFinishedAsync(IReadOnlyCollection<FinishedTask> finished, CancellationToken cancellationToken);
}
