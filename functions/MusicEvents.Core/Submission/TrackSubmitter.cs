using ValidationResult = FluentValidation.Results.ValidationResult;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Submission;

/// <summary>
/// Sends one validated request to MusicAPI at most once per correlation id: the record is claimed
/// (against its ETag) before the paid create call, and a claimed record is never sent again.
/// </summary>
public sealed partial class TrackSubmitter(
    TrackTaskStore store,
    MusicApiClient musicApi,
    IOptions<MusicApiOptions> options,
    TimeProvider time,
    ILogger<TrackSubmitter> logger)
{
    public async Task SubmitAsync(TrackRequest request, ValidationResult validation, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = request.CorrelationId });
        if (!validation.IsValid)
        {
            await RejectInvalidAsync(request, validation, publish, cancellationToken);
            return;
        }

        var task = await FindOrAcceptAsync(request, cancellationToken);
        if (task.RequestFingerprint != request.Fingerprint)
        {
            LogReusedCorrelationId(logger, request.CorrelationId);
            return;
        }

        var now = time.GetUtcNow();
        var claimed = await store.UpdateAsync(
            task,
            t => t is { State: TrackTaskState.Accepted, SubmissionStartedAt: null } ? t with { SubmissionStartedAt = now, UpdatedAt = now } : null,
            cancellationToken);
        if (claimed is null)
        {
            LogAlreadySubmitted(logger, request.CorrelationId);
            return;
        }

        // Not the consumer's token: once sent, the answer is worth waiting for (bounded by CreateTimeout).
        var outcome = await musicApi.CreateTaskAsync(WithWebhook(request), CancellationToken.None);
        await RecordOutcomeAsync(request, outcome, publish, cancellationToken);
    }

    private async Task<TrackTask> FindOrAcceptAsync(TrackRequest request, CancellationToken cancellationToken)
    {
        var accepted = TrackTask.Accept(request.CorrelationId, request.Operation, request.Fingerprint, time.GetUtcNow());
        if (await store.TryAddAsync(accepted, cancellationToken))
        {
            return accepted;
        }

        return await store.FindAsync(request.CorrelationId, cancellationToken)
            ?? throw new InvalidOperationException($"Task {request.CorrelationId} vanished while it was being accepted");
    }

    private async Task RecordOutcomeAsync(TrackRequest request, CreateTaskOutcome outcome, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (outcome)
        {
            case CreateTaskOutcome.Accepted accepted:
                // The webhook may have overtaken us: then only the task id is added, the state stays final.
                await store.UpdateAsync(
                    request.CorrelationId,
                    t => t.State == TrackTaskState.Accepted
                        ? t.MoveTo(TrackTaskState.Submitted, now, $"task {accepted.TaskId}") with { TaskId = accepted.TaskId }
                        : t with { TaskId = t.TaskId ?? accepted.TaskId },
                    cancellationToken);
                await store.IndexTaskIdAsync(accepted.TaskId, request.CorrelationId, cancellationToken);
                await publish.Publish(new TrackSubmitted(request.CorrelationId, accepted.TaskId, request.Operation, now), cancellationToken);
                LogSubmitted(logger, request.CorrelationId, accepted.TaskId);
                break;
            case CreateTaskOutcome.Refused refused:
                // 504 is MusicAPI's own timeout, whose message says the credits were already refunded.
                bool? refunded = refused.StatusCode == 504 ? true : null;
                await FailAsync(request.CorrelationId, null, refused.Reason, refused.Message, refunded, publish, cancellationToken);
                break;
            case CreateTaskOutcome.Unknown unknown:
                await FailAsync(request.CorrelationId, null, TrackFailureReason.SubmissionOutcomeUnknown, unknown.Message, null, publish, cancellationToken);
                break;
        }
    }

    private async Task RejectInvalidAsync(TrackRequest request, ValidationResult validation, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var message = string.Join(" ", validation.Errors.Select(e => e.ErrorMessage));
        LogInvalid(logger, request.CorrelationId, message);
        if (request.CorrelationId == Guid.Empty)
        {
            // No key to record it under; the requester still hears why.
            await publish.Publish(new TrackFailed(request.CorrelationId, null, TrackFailureReason.InvalidRequest, message, null, time.GetUtcNow()), cancellationToken);
            return;
        }

        if ((await FindOrAcceptAsync(request, cancellationToken)).RequestFingerprint != request.Fingerprint)
        {
            // The id belongs to another request: an invalid copy must not fail that one.
            LogReusedCorrelationId(logger, request.CorrelationId);
            return;
        }

        await FailAsync(request.CorrelationId, null, TrackFailureReason.InvalidRequest, message, null, publish, cancellationToken);
    }

    private async Task FailAsync(
        Guid correlationId, string? taskId, TrackFailureReason reason, string message, bool? refunded, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failed = await store.UpdateAsync(correlationId, t => t.IsFinal ? null : t.Fail(reason, message, refunded, now), cancellationToken);
        if (failed is null)
        {
            return;
        }

        LogFailed(logger, correlationId, reason, message);
        await publish.Publish(new TrackFailed(correlationId, taskId, reason, message, refunded, now), cancellationToken);
    }

    private CreateTaskRequest WithWebhook(TrackRequest request)
    {
        var webhookUrl = options.Value.WebhookUrl;
        var separator = webhookUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return request.Body with
        {
            WebhookUrl = $"{webhookUrl}{separator}cid={request.CorrelationId:D}",
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
