using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// The record of one requested task, keyed by the requester's correlation id, and the only place
/// its state changes. Each input is a named transition with its guard; it returns the new record
/// and the events to publish, or null when the input changes nothing. An input the task has
/// already taken returns the same events again with nothing to write, so that a consumer whose
/// publish failed after its write publishes them when the message comes again.
/// <code>
/// state ↓ input →    Claim    Submit     Fail(submission) Complete(report) Fail(report) GiveUp    Store(clip)  Fail(storage) Wait     Defer
/// Accepted           claimed  –          Failed           Completed        Failed       TimedOut  –            –             waiting  –
/// Accepted, claimed  –        Submitted  Failed           Completed        Failed       Unknown¹  –            –             –        waiting⁷
/// Accepted, waiting  claimed  –          Failed           Completed        Failed       –⁸        –            –             waiting  –
/// Submitted          again    again      again            Completed        Failed       TimedOut  –            –             again    again
/// Completed          again    again      again            –                –            –         clip²        Failed        again    again
/// Completed early³   –        task id    –                –                –            –         clip²        Failed        –        –
/// Stored             again    again      again            –                –            –         again        –             again    again
/// Failed, gave up⁴   again    again      again            Completed⁵        –            again     –            –             again    again
/// Failed, other      again    again      again            –                –            –         clip⁶        again⁶        again    again
/// </code>
/// "again": the input was taken before (by its id in <see cref="History"/>, or a clip already
/// stored): its events again, nothing to save. The submission inputs share one id (a command's
/// outcome). ¹ SubmissionOutcomeUnknown: the create call may have been charged. ² TrackStored; the
/// last clip moves the task to Stored. ³ MusicAPI's report overtook the create call's answer: only
/// the task id is kept, since TrackSubmitted is published only on a move to Submitted. ⁴ TimedOut
/// or SubmissionOutcomeUnknown. ⁵ MusicAPI delivered after we gave up: the paid audio is kept.
/// ⁶ Failed(StorageFailed) only: a clip committed is still announced. GiveUp also needs the record
/// unchanged since the reconciler saw it. ⁷ MusicAPI answered "not charged" (429, 5xx, refused
/// connection): the claim is given back, so the call is sent again after the wait, by the same
/// consumer or, after a restart, by the redelivered command. ⁸ A waiting task's command is on its
/// queue, held by a consumer that sends it when the wait ends. docs/lifecycle.md has the same table with its events.
/// A new request is <see cref="Accept"/>ed, a report for a task we have no record of is taken on an
/// accepted record of unknown operation, and a <see cref="TrackCompleted"/> from elsewhere is
/// <see cref="Adopt"/>ed.
/// </summary>
public sealed partial record TrackTask
{
    public required Guid CorrelationId { get; init; }
    public required TrackOperation Operation { get; init; }
    public required TrackTaskState State { get; init; }

    /// <summary>A hash of the request, so a repeat with another body under the same id is recognised.</summary>
    public required string RequestFingerprint { get; init; }

    public string? TaskId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Set before the create call: from then on the task may be charged, so it is never sent again.</summary>
    public DateTimeOffset? SubmissionStartedAt { get; init; }

    /// <summary>Why the create call is not sent yet (Accepted, not claimed), or null.</summary>
    public TrackWait? Waiting { get; init; }

    /// <summary>Create calls MusicAPI answered "not charged" so far (each is sent again, up to MusicApi:TransientRetries).</summary>
    public int NotChargedAnswers { get; init; }

    /// <summary>The W3C traceparent of the span that accepted the task, so later steps continue the flow's trace.</summary>
    public string? TraceParent { get; init; }

    public IReadOnlyList<TrackClipRecord> Clips { get; init; } = [];
    public TrackFailure? Failure { get; init; }
    public IReadOnlyList<TrackHistoryEntry> History { get; init; } = [];

    /// <summary>The storage version this copy was read at (null: not stored yet); a save succeeds only against it.</summary>
    public string? ETag { get; init; }

    /// <summary>MusicAPI has not given its final answer yet (as far as we know).</summary>
    public bool IsOpen => State is TrackTaskState.Accepted or TrackTaskState.Submitted;

    /// <summary>Accepted and held back before its create call: its command is on its queue, held by a consumer.</summary>
    public bool IsWaiting => State == TrackTaskState.Accepted && SubmissionStartedAt is null && Waiting is not null;

    public static TrackTask Accept(Guid correlationId, TrackOperation operation, string fingerprint, DateTimeOffset now) => new()
    {
        CorrelationId = correlationId,
        Operation = operation,
        State = TrackTaskState.Accepted,
        RequestFingerprint = fingerprint,
        CreatedAt = now,
        UpdatedAt = now,
        History = [new TrackHistoryEntry(TrackTaskState.Accepted, now)],
    };

    /// <summary>The record of a <see cref="TrackCompleted"/> published by someone else: Completed, as it says.</summary>
    public static TrackTask Adopt(TrackCompleted completed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(completed);
        return new()
        {
            CorrelationId = completed.CorrelationId,
            Operation = completed.Operation,
            State = TrackTaskState.Completed,
            RequestFingerprint = "",
            TaskId = completed.TaskId,
            CreatedAt = now,
            UpdatedAt = now,
            Clips = [.. completed.Clips.Select(c => new TrackClipRecord(c))],
            History = [new TrackHistoryEntry(TrackTaskState.Completed, completed.CompletedAt, "announced by another publisher")],
        };
    }

    /// <summary>Takes the task for its one create call. A command whose outcome is known gets that outcome's events again.</summary>
    public TrackTaskChange? Claim(DateTimeOffset now)
    {
        if (Again(TrackInputs.Submission) is { } again)
        {
            return again;
        }

        return State == TrackTaskState.Accepted && SubmissionStartedAt is null
            ? new(this with { SubmissionStartedAt = now, Waiting = null, UpdatedAt = now }, [], true) { Before = this }
            : null;
    }

    /// <summary>
    /// The create call has to wait (<paramref name="wait"/> says why): recorded so the status route
    /// shows it. A wait already recorded with the same reason and end changes nothing.
    /// </summary>
    public TrackTaskChange? Wait(TrackWait wait, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(wait);
        if (Again(TrackInputs.Submission) is { } again)
        {
            return again;
        }

        if (State != TrackTaskState.Accepted || SubmissionStartedAt is not null || (Waiting?.Reason == wait.Reason && Waiting.Until == wait.Until))
        {
            return null;
        }

        return new(this with { Waiting = wait, UpdatedAt = now }, [], true) { Before = this };
    }

    /// <summary>
    /// MusicAPI answered the create call without taking the task (<paramref name="answer"/>: 429, 5xx,
    /// a refused connection): the claim is given back before any wait, so the call is sent again
    /// after <paramref name="wait"/>, here or by the command redelivered after a restart, rather than
    /// being failed as an unknown outcome.
    /// </summary>
    public TrackTaskChange? Defer(string answer, TrackWait wait, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(wait);
        if (Again(TrackInputs.Submission) is { } again)
        {
            return again;
        }

        if (State != TrackTaskState.Accepted || SubmissionStartedAt is null)
        {
            return null;
        }

        var entry = new TrackHistoryEntry(TrackTaskState.Accepted, now, $"{answer} (not charged): {wait.Message}");
        var deferred = this with
        {
            SubmissionStartedAt = null,
            NotChargedAnswers = NotChargedAnswers + 1,
            Waiting = wait,
            UpdatedAt = now,
            History = [.. History, entry],
        };
        return new(deferred, [], true) { Before = this };
    }

    /// <summary>MusicAPI accepted the create call under <paramref name="taskId"/>.</summary>
    public TrackTaskChange? Submit(string taskId, DateTimeOffset now)
    {
        if (Again(TrackInputs.Submission) is { } again)
        {
            return again;
        }

        if (State == TrackTaskState.Accepted && SubmissionStartedAt is not null)
        {
            return Move(this with { TaskId = taskId }, TrackTaskState.Submitted, TrackInputs.Submission, now, $"task {taskId}");
        }

        return State is not (TrackTaskState.Accepted or TrackTaskState.Submitted) && TaskId is null
            ? new(this with { TaskId = taskId, UpdatedAt = now }, [], true) { Before = this }
            : null;
    }

    /// <summary>
    /// The task fails for <paramref name="failure"/>: from submission (the command's outcome), from
    /// MusicAPI's report, or from storage (a clip that could not be archived).
    /// </summary>
    public TrackTaskChange? Fail(TrackFailure failure, string input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (Again(input) is { } again)
        {
            return again;
        }

        var allowed = input switch
        {
            TrackInputs.Submission => State == TrackTaskState.Accepted,
            TrackInputs.Storage => State == TrackTaskState.Completed,
            _ => IsOpen, // a report from MusicAPI
        };
        return allowed ? Move(this with { Failure = failure }, TrackTaskState.Failed, input, now, failure.ToString(), failure) : null;
    }

    /// <summary>MusicAPI reported the task succeeded with <paramref name="clips"/>.</summary>
    public TrackTaskChange? Complete(string input, string? taskId, IReadOnlyList<CompletedClip> clips, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clips);
        if (Again(input) is { } again)
        {
            return again;
        }

        var late = State == TrackTaskState.Failed && Failure is { IsGiveUp: true };
        if (!(IsOpen || late) || clips.Count == 0)
        {
            return null;
        }

        var completed = this with { TaskId = TaskId ?? taskId, Clips = [.. clips.Select(c => new TrackClipRecord(c))], Failure = null };
        var note = late ? $"{clips.Count} clip(s), after {Failure!.Reason}: the paid audio is kept" : $"{clips.Count} clip(s)";
        return Move(completed, TrackTaskState.Completed, input, now, note);
    }

    /// <summary>
    /// A final report from MusicAPI (webhook or poll), as <see cref="Complete"/> or <see cref="Fail"/>;
    /// a report that is not final (queued, running, streaming) changes nothing.
    /// </summary>
    public TrackTaskChange? Report(string input, ProviderTaskReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Status switch
        {
            ProviderTaskStatus.Succeeded when report.Clips.Count > 0 => Complete(input, report.TaskId, report.Clips, now),
            ProviderTaskStatus.Succeeded => Fail(
                new(TrackFailureReason.ProviderFailed, "MusicAPI reported success without any audio.", report.CreditsRefunded), input, now),
            ProviderTaskStatus.Failed => Fail(
                new(TrackFailureReason.ProviderFailed, report.Message ?? "MusicAPI reported the task failed.", report.CreditsRefunded), input, now),
            _ => null,
        };
    }

    /// <summary>
    /// The reconciler saw the task open and unchanged since <paramref name="seenUpdatedAt"/> for too
    /// long (<paramref name="giveUpAfter"/>). A record changed since (a claim, a report) wins.
    /// </summary>
    public TrackTaskChange? GiveUp(DateTimeOffset seenUpdatedAt, TimeSpan giveUpAfter, DateTimeOffset now)
    {
        if (Again(TrackInputs.GiveUp) is { } again)
        {
            return again;
        }

        if (!IsOpen || UpdatedAt != seenUpdatedAt || IsWaiting)
        {
            return null;
        }

        var failure = (State, SubmissionStartedAt) switch
        {
            (TrackTaskState.Accepted, { } startedAt) => new TrackFailure(
                TrackFailureReason.SubmissionOutcomeUnknown,
                $"The create call started at {startedAt:O} never reported back; it is not sent again, to avoid a second charge."),
            (TrackTaskState.Accepted, null) => new TrackFailure(
                TrackFailureReason.TimedOut, $"The request was accepted but never submitted within {giveUpAfter}."),
            _ => new TrackFailure(TrackFailureReason.TimedOut, $"No final answer from MusicAPI within {giveUpAfter}."),
        };
        return Move(this with { Failure = failure }, TrackTaskState.Failed, TrackInputs.GiveUp, now, failure.ToString(), failure);
    }

    /// <summary>One clip is in blob storage; the last one moves the task to Stored.</summary>
    public TrackTaskChange? Store(TrackStored stored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var clip = Clips.FirstOrDefault(c => c.ClipId == stored.ClipId);
        if (clip is { IsStored: true })
        {
            return new(this, [StoredEventOf(clip)], false) { Before = this };
        }

        var storable = State == TrackTaskState.Completed || Failure?.Reason == TrackFailureReason.StorageFailed;
        if (clip is null || !storable)
        {
            return null;
        }

        var clips = Clips.Select(c => c.ClipId == stored.ClipId ? c.StoredAs(stored) : c).ToList();
        var updated = this with { Clips = clips, UpdatedAt = now };
        var events = new List<object> { StoredEventOf(updated.Clips.First(c => c.ClipId == stored.ClipId)) };
        if (State == TrackTaskState.Completed && clips.All(c => c.IsStored))
        {
            updated = updated with
            {
                State = TrackTaskState.Stored,
                History = [.. History, new TrackHistoryEntry(TrackTaskState.Stored, now, $"{clips.Count} clip(s) in blob storage")],
            };
        }

        return new(updated, events, true) { Before = this };
    }

    private TrackTaskChange Move(TrackTask changed, TrackTaskState state, string input, DateTimeOffset now, string? note, TrackFailure? failure = null)
    {
        var entry = new TrackHistoryEntry(state, now, note, input, failure);
        var moved = changed with { State = state, UpdatedAt = now, History = [.. History, entry] };
        return new(moved, moved.EventsOf(entry), true) { Before = this };
    }

    /// <summary>The same events again when the history shows <paramref name="input"/> was taken before.</summary>
    private TrackTaskChange? Again(string input) =>
        History.LastOrDefault(h => h.Input == input) is { } entry ? new(this, EventsOf(entry), false) { Before = this } : null;
}
