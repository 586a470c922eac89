namespace MusicEvents.Core.Submission.Gate;

/// <summary>
/// What every instance asks before a create call, kept in storage so that it holds across
/// instances: at most MusicApi:MaxInFlight tasks submitted and not final, no call while MusicAPI's
/// Retry-After runs, and the day's MusicApi:DailyCreditBudget.
/// </summary>
public interface ISubmissionGate
{
    /// <summary>Takes a place for the task (or finds the one it holds), or says why it must wait.</summary>
    Task<GateDecision> TryEnterAsync(Guid correlationId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives the task's place back; a call that was not charged gives its credits back to the day too.</summary>
    Task LeaveAsync(Guid correlationId, bool charged, CancellationToken cancellationToken);

    /// <summary>No create call from any instance before <paramref name="until"/> (MusicAPI's Retry-After).</summary>
    Task PauseAsync(DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Frees the places of tasks that are no longer open (a crash between a task's last write and its
    /// leave), or whose record was never written; places taken in the last minutes are left alone,
    /// since a place is taken before its task's first write. Returns how many were freed.
    /// </summary>
    Task<int> SweepAsync(Func<Guid, CancellationToken, Task<bool>> isOpen, CancellationToken cancellationToken);
}
