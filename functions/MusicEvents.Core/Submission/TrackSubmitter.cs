using System.Diagnostics;
using ValidationResult = FluentValidation.Results.ValidationResult;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Submission;

/// <summary>
/// Sends one validated request to MusicAPI at most once per correlation id: the record is claimed
/// (against its ETag) before the paid create call, and a claimed record is never sent again. Before
/// the claim, the <see cref="ISubmissionGate"/> must let it through (MaxInFlight across instances,
/// MusicAPI's Retry-After, the daily budget); meanwhile the command waits here, unacknowledged on its
/// queue, and the record says why. A "not charged" answer gives the claim back before any wait, so a
/// restart sends it again. It changes the task only through <see cref="TrackTask"/> and hands the
/// events back to its consumer.
/// </summary>
public sealed partial class TrackSubmitter(
    ITrackTaskStore store,
    TrackTaskCommitter committer,
    ISubmissionGate gate,
    MusicApiClient musicApi,
    MusicEventsMetrics metrics,
    IOptions<MusicApiOptions> options,
    TimeProvider time,
    ILogger<TrackSubmitter> logger,
    IHostApplicationLifetime? lifetime = null)
{
    // How often the create call's outcome is applied again to a record someone else wrote meanwhile.
    private const int OutcomeAttempts = 10;

    // How long a waiting consumer asks the gate again; a known end of the wait comes sooner.
    private static readonly TimeSpan GatePollInterval = TimeSpan.FromMilliseconds(500);

    // A consumer holds its message at most this long (RabbitMQ closes a channel whose delivery stays
    // unacknowledged for 30 minutes); then the command goes back to the end of its queue.
    internal static readonly TimeSpan HoldAtMost = TimeSpan.FromMinutes(4);

    /// <returns>The events to publish, and whether to send the command again.</returns>
    public async Task<SubmissionResult> SubmitAsync(TrackRequest request, ValidationResult validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validation);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = request.CorrelationId });
        if (!validation.IsValid)
        {
            return new(await RejectInvalidAsync(request, validation, cancellationToken));
        }

        var found = await store.FindAsync(request.CorrelationId, cancellationToken);
        if (found is not null && found.RequestFingerprint != request.Fingerprint)
        {
            LogReusedCorrelationId(logger, request.CorrelationId);
            return new([]);
        }

        var held = time.GetUtcNow();
        var change = found is null ? TrackTaskChange.New(Accept(request, held)) : TrackTaskChange.None(found);
        while (true)
        {
            var now = time.GetUtcNow();
            var claim = change.Task.Claim(now);
            if (claim is null || !claim.MustSave)
            {
                // Claimed or decided before: a redelivery after a failed publish gets the same events.
                if (claim is null)
                {
                    LogAlreadySubmitted(logger, request.CorrelationId);
                }

                return new(claim?.Events ?? []);
            }

            var decision = OwnWait(change.Task, now) is { } own ? new GateDecision.Waits(own) : await gate.TryEnterAsync(request.CorrelationId, now, cancellationToken);
            switch (decision)
            {
                case GateDecision.OverBudget over:
                    var failure = new TrackFailure(TrackFailureReason.CreditBudgetExceeded, over.Message);
                    LogFailed(logger, request.CorrelationId, failure.Reason, failure.Message);
                    return new(await committer.CommitAsync(change.Then(t => t.Fail(failure, TrackInputs.Submission, now)), cancellationToken));

                case GateDecision.Waits waits:
                    change = TrackTaskChange.None(await RecordWaitAsync(change, waits.Wait, now, cancellationToken));
                    if (time.GetUtcNow() - held >= HoldAtMost)
                    {
                        return new([], SendAgain: true);
                    }

                    if (!await PauseAsync(Pause(waits.Wait, now, held), cancellationToken))
                    {
                        // The host is stopping: the command goes back to its queue rather than hold the shutdown.
                        return new([], SendAgain: true);
                    }

                    continue;
            }

            // Not the consumer's token either: a claim whose write reached storage but whose answer was
            // cut off (the broker connection lost, the consume cancelled) would stay claimed and unsent,
            // and its redelivery would find it claimed. Once the claim is asked for, it is seen through.
            var claimed = await committer.SaveAsync(change.Then(_ => claim), CancellationToken.None);

            // Not the consumer's token: once sent, the answer is worth waiting for (bounded by CreateTimeout).
            var outcome = await musicApi.CreateTaskAsync(WithWebhook(request, claimed.TraceParent), CancellationToken.None);
            if (outcome is CreateTaskOutcome.NotCharged notCharged && claimed.NotChargedAnswers < options.Value.TransientRetries)
            {
                change = TrackTaskChange.None(await DeferAsync(claimed, notCharged));
                continue;
            }

            return new(await RecordOutcomeAsync(claimed, outcome));
        }
    }

    /// <returns>False when the host began to stop during the pause.</returns>
    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        var stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        try
        {
            await Task.Delay(pause, time, either.Token);
            return !stopping.IsCancellationRequested;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>To the wait's end when it is known (within what a consumer may hold), else until the gate is asked again.</summary>
    private static TimeSpan Pause(TrackWait wait, DateTimeOffset now, DateTimeOffset held)
    {
        var pause = wait.Until is { } until ? until - now : GatePollInterval;
        var left = held + HoldAtMost - now;
        return TimeSpan.FromTicks(Math.Max(0, Math.Min(pause.Ticks, left.Ticks)));
    }

    /// <summary>The backoff a "not charged" answer left on the record, while it runs.</summary>
    private static TrackWait? OwnWait(TrackTask task, DateTimeOffset now) =>
        task.Waiting is { Reason: TrackWaitReason.NotCharged or TrackWaitReason.RetryAfter, Until: { } until } wait && until > now ? wait : null;

    private async Task<TrackTask> RecordWaitAsync(TrackTaskChange change, TrackWait wait, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = change.Then(t => t.Wait(wait, now));
        if (waiting.MustSave && waiting.Task.Waiting == wait)
        {
            LogWaiting(logger, waiting.Task.CorrelationId, wait.Reason, wait.Message);
            metrics.Waited(wait.Reason);
        }

        return await committer.SaveAsync(waiting, cancellationToken);
    }

    /// <summary>
    /// MusicAPI did not take the task: the claim is given back on the record first, then the place
    /// in the gate, and a Retry-After holds back every instance's next create calls.
    /// </summary>
    private async Task<TrackTask> DeferAsync(TrackTask claimed, CreateTaskOutcome.NotCharged answer)
    {
        var now = time.GetUtcNow();
        var delay = answer.RetryAfter ?? Backoff(claimed.NotChargedAnswers);
        var said = answer.StatusCode is { } status ? $"MusicAPI answered {status}" : answer.Message;
        var wait = new TrackWait(
            answer.RetryAfter is null ? TrackWaitReason.NotCharged : TrackWaitReason.RetryAfter,
            $"{said}; sent again at {now + delay:O} (attempt {claimed.NotChargedAnswers + 2} of {options.Value.TransientRetries + 1}).",
            now,
            now + delay);
        var task = claimed;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                task = await committer.SaveAsync(TrackTaskChange.None(task).Then(t => t.Defer(said, wait, now)), CancellationToken.None);
                break;
            }
            catch (TrackTaskConflictException) when (attempt < OutcomeAttempts)
            {
                task = await store.FindAsync(task.CorrelationId, CancellationToken.None)
                    ?? throw new InvalidOperationException($"Task {task.CorrelationId:D} vanished after its create call");
            }
        }

        LogWaiting(logger, task.CorrelationId, wait.Reason, wait.Message);
        metrics.Waited(wait.Reason);
        await gate.LeaveAsync(task.CorrelationId, charged: false, CancellationToken.None);
        if (answer.RetryAfter is { } retryAfter)
        {
            await gate.PauseAsync(now + retryAfter, CancellationToken.None);
        }

        return task;
    }

    /// <summary>1, 2, 4 … 60 s, a fifth either way at random, so instances do not come back together.</summary>
    private static TimeSpan Backoff(int answers)
    {
        var seconds = Math.Min(60, Math.Pow(2, answers));
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    /// <summary>
    /// The create call is never repeated, so its outcome must not be lost to a conflict: a report
    /// that overtook the answer wrote the record first, and the outcome is applied to that version
    /// here rather than by a redelivery that would no longer know it.
    /// </summary>
    private async Task<IReadOnlyList<object>> RecordOutcomeAsync(TrackTask claimed, CreateTaskOutcome outcome)
    {
        var task = claimed;
        for (var attempt = 1; ; attempt++)
        {
            var change = Apply(task, outcome, time.GetUtcNow());
            try
            {
                var events = await committer.CommitAsync(change, CancellationToken.None);
                Log(task.CorrelationId, outcome);
                return events;
            }
            catch (TrackTaskConflictException) when (attempt < OutcomeAttempts)
            {
                task = await store.FindAsync(task.CorrelationId, CancellationToken.None)
                    ?? throw new InvalidOperationException($"Task {task.CorrelationId:D} vanished after its create call");
            }
        }
    }

    private static TrackTaskChange? Apply(TrackTask task, CreateTaskOutcome outcome, DateTimeOffset now) => outcome switch
    {
        CreateTaskOutcome.Accepted accepted => task.Submit(accepted.TaskId, now),

        // 504 is MusicAPI's own timeout, whose message says the credits were already refunded.
        CreateTaskOutcome.Refused refused => task.Fail(
            new(refused.Reason, refused.Message, refused.StatusCode == 504 ? true : null), TrackInputs.Submission, now),
        CreateTaskOutcome.Unknown unknown => task.Fail(
            new(TrackFailureReason.SubmissionOutcomeUnknown, unknown.Message), TrackInputs.Submission, now),

        // Not charged every time it was sent: MusicAPI is failing, and the requester hears so.
        CreateTaskOutcome.NotCharged notCharged => task.Fail(
            new(TrackFailureReason.ProviderFailed, $"{notCharged.Message} (after {task.NotChargedAnswers + 1} attempts, none charged)"), TrackInputs.Submission, now),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown create outcome"),
    };

    private async Task<IReadOnlyList<object>> RejectInvalidAsync(TrackRequest request, ValidationResult validation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failure = new TrackFailure(TrackFailureReason.InvalidRequest, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        LogInvalid(logger, request.CorrelationId, failure.Message);
        if (request.CorrelationId == Guid.Empty)
        {
            // No key to record it under; the requester still hears why.
            return [new TrackFailed(request.CorrelationId, null, failure.Reason, failure.Message, null, now)];
        }

        var found = await store.FindAsync(request.CorrelationId, cancellationToken);
        if (found is not null && found.RequestFingerprint != request.Fingerprint)
        {
            // The id belongs to another request: an invalid copy must not fail that one.
            LogReusedCorrelationId(logger, request.CorrelationId);
            return [];
        }

        var change = found is null ? TrackTaskChange.New(Accept(request, now)).Then(t => t.Fail(failure, TrackInputs.Submission, now)) : found.Fail(failure, TrackInputs.Submission, now);
        return await committer.CommitAsync(change, cancellationToken);
    }

    private static TrackTask Accept(TrackRequest request, DateTimeOffset now) =>
        TrackTask.Accept(request.CorrelationId, request.Operation, request.Fingerprint, now) with { TraceParent = FlowTrace.CurrentTraceParent() };

    private void Log(Guid correlationId, CreateTaskOutcome outcome)
    {
        switch (outcome)
        {
            case CreateTaskOutcome.Accepted accepted:
                LogSubmitted(logger, correlationId, accepted.TaskId);
                FlowTrace.Tag(Activity.Current, correlationId, accepted.TaskId);
                break;
            case CreateTaskOutcome.Refused refused:
                LogFailed(logger, correlationId, refused.Reason, refused.Message);
                break;
            case CreateTaskOutcome.Unknown unknown:
                LogFailed(logger, correlationId, TrackFailureReason.SubmissionOutcomeUnknown, unknown.Message);
                break;
            case CreateTaskOutcome.NotCharged notCharged:
                LogFailed(logger, correlationId, TrackFailureReason.ProviderFailed, notCharged.Message);
                break;
        }
    }

    /// <summary>
    /// The create body with our webhook: the task's id in <c>cid</c> (its secret derives from it) and
    /// the flow's traceparent in <c>tp</c>, so the delivery's span continues the flow's trace
    /// without reading the record (MusicAPI calls the URL as given; it carries no trace context itself).
    /// </summary>
    private CreateTaskRequest WithWebhook(TrackRequest request, string? traceParent)
    {
        var webhookUrl = options.Value.WebhookUrl;
        var separator = webhookUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var trace = traceParent is null ? "" : $"&{FlowTrace.WebhookParameter}={traceParent}";
        return request.Body with
        {
            WebhookUrl = $"{webhookUrl}{separator}cid={request.CorrelationId:D}{trace}",
            WebhookSecret = WebhookSecrets.Derive(options.Value.WebhookMasterKeys[0], request.CorrelationId),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Submitted {CorrelationId} as MusicAPI task {TaskId}")]
    private static partial void LogSubmitted(ILogger logger, Guid correlationId, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} waits before its create call ({Reason}): {WaitMessage}")]
    private static partial void LogWaiting(ILogger logger, Guid correlationId, TrackWaitReason reason, string waitMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} was already submitted or finished: not sent again")]
    private static partial void LogAlreadySubmitted(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} is already used by a different request: this one is refused")]
    private static partial void LogReusedCorrelationId(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} is invalid: {Problems}")]
    private static partial void LogInvalid(ILogger logger, Guid correlationId, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} failed: {Reason} {FailureMessage}")]
    private static partial void LogFailed(ILogger logger, Guid correlationId, TrackFailureReason reason, string failureMessage);
}
