using System.Diagnostics;
using ValidationResult = FluentValidation.Results.ValidationResult;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Submission;

/// <summary>
/// Sends one validated request to MusicAPI at most once per correlation id: the record is claimed
/// (against its ETag) before the paid create call, and a claimed record is never sent again. It
/// changes the task only through <see cref="TrackTask"/> and hands the events back to its consumer.
/// </summary>
public sealed partial class TrackSubmitter(
    ITrackTaskStore store,
    TrackTaskCommitter committer,
    MusicApiClient musicApi,
    IOptions<MusicApiOptions> options,
    TimeProvider time,
    ILogger<TrackSubmitter> logger)
{
    // How often the create call's outcome is applied again to a record someone else wrote meanwhile.
    private const int OutcomeAttempts = 10;

    /// <returns>The events to publish.</returns>
    public async Task<IReadOnlyList<object>> SubmitAsync(TrackRequest request, ValidationResult validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validation);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = request.CorrelationId });
        if (!validation.IsValid)
        {
            return await RejectInvalidAsync(request, validation, cancellationToken);
        }

        var found = await store.FindAsync(request.CorrelationId, cancellationToken);
        if (found is not null && found.RequestFingerprint != request.Fingerprint)
        {
            LogReusedCorrelationId(logger, request.CorrelationId);
            return [];
        }

        var now = time.GetUtcNow();
        var claim = found is null ? TrackTaskChange.New(Accept(request, now)).Then(t => t.Claim(now)) : found.Claim(now);
        if (claim is null)
        {
            LogAlreadySubmitted(logger, request.CorrelationId);
            return [];
        }

        if (!claim.MustSave)
        {
            // Its outcome was recorded before: a redelivery after a failed publish gets the same events.
            return claim.Events;
        }

        // Saved here rather than through the committer: the outcome is written against this version's
        // ETag, and a claim adds no step to count. Not the consumer's token: a claim whose write reached
        // storage but whose answer was cut off (the broker connection lost, the consume cancelled) would
        // stay claimed and unsent, and its redelivery would find it claimed. Once asked for, it is seen through.
        var claimed = await store.SaveAsync(claim.Task, CancellationToken.None);

        // Not the consumer's token: once sent, the answer is worth waiting for (bounded by CreateTimeout).
        var outcome = await musicApi.CreateTaskAsync(WithWebhook(request, claimed.TraceParent), CancellationToken.None);
        return await RecordOutcomeAsync(claimed, outcome);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} was already submitted or finished: not sent again")]
    private static partial void LogAlreadySubmitted(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} is already used by a different request: this one is refused")]
    private static partial void LogReusedCorrelationId(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} is invalid: {Problems}")]
    private static partial void LogInvalid(ILogger logger, Guid correlationId, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} failed: {Reason} {FailureMessage}")]
    private static partial void LogFailed(ILogger logger, Guid correlationId, TrackFailureReason reason, string failureMessage);
}
