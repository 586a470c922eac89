using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// Catches what webhooks miss: tasks Submitted longer than OverdueAfter are polled, and a final
/// answer goes down the webhook's own path (same monotonic state, same events); decisions whose
/// event could not be published are published; past GiveUpAfter, a task fails as TimedOut (or
/// SubmissionOutcomeUnknown when its create call may have been charged).
/// </summary>
public sealed partial class TaskReconciler(
    TrackTaskStore store,
    MusicApiClient musicApi,
    TaskReportApplier applier,
    DecisionPublisher decisions,
    IPublishEndpoint publish,
    IOptions<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<TaskReconciler> logger)
{
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settled = 0;
        await foreach (var task in store.ListStaleAsync(TrackTaskState.Submitted, now - options.Value.OverdueAfter, cancellationToken))
        {
            try
            {
                settled += await ReconcileAsync(task, now, cancellationToken) ? 1 : 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPollFailed(logger, exception, task.CorrelationId);
            }
        }

        // A decision whose publish failed and whose report never came again (a sender that does not retry).
        await foreach (var task in store.ListUnpublishedAsync(now - options.Value.OverdueAfter, cancellationToken))
        {
            try
            {
                settled += await decisions.TryPublishPendingAsync(task.CorrelationId, task.FinalEventId!, publish, cancellationToken) ? 1 : 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPollFailed(logger, exception, task.CorrelationId);
            }
        }

        await foreach (var task in store.ListStaleAsync(TrackTaskState.Accepted, now - options.Value.GiveUpAfter, cancellationToken))
        {
            settled += await GiveUpAsync(task, now, cancellationToken) ? 1 : 0;
        }

        return settled;
    }

    /// <summary>
    /// A task still Accepted long after it arrived. If its create call was started, MusicAPI may have
    /// taken (and charged) it without our hearing: it fails as SubmissionOutcomeUnknown and is never
    /// sent again. If it was never started, its command was lost before reaching us: TimedOut.
    /// </summary>
    private async Task<bool> GiveUpAsync(TrackTask task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (reason, message) = task.SubmissionStartedAt is { } startedAt
            ? (TrackFailureReason.SubmissionOutcomeUnknown,
                $"The create call started at {startedAt:O} never reported back; it is not sent again, to avoid a second charge.")
            : (TrackFailureReason.TimedOut, $"The request was accepted but never submitted within {options.Value.GiveUpAfter}.");
        return await FailAsync(task, reason, message, now, cancellationToken);
    }

    private async Task<bool> ReconcileAsync(TrackTask task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (task.TaskId is { } taskId && await musicApi.GetTaskAsync(taskId, cancellationToken) is { IsFinal: true } report)
        {
            // One poll event id per task: a repeated poll of the same final answer is the same event.
            return await applier.ApplyAsync(task.CorrelationId, report, $"poll:{taskId}", publish, cancellationToken);
        }

        if (now - task.CreatedAt < options.Value.GiveUpAfter)
        {
            return false;
        }

        return await FailAsync(task, TrackFailureReason.TimedOut, $"No final answer from MusicAPI within {options.Value.GiveUpAfter}.", now, cancellationToken);
    }

    private async Task<bool> FailAsync(TrackTask task, TrackFailureReason reason, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only the record as listed: a claim, a report or another reconciler that wrote meanwhile wins.
        var failed = await store.UpdateAsync(
            task,
            t => t.ETag == task.ETag ? DecisionPublisher.Pending(t.Fail(reason, message, null, now), $"reconcile:{reason}", now) : null,
            cancellationToken);
        if (failed is not null)
        {
            await decisions.PublishOwnedAsync(failed, publish, cancellationToken);
        }

        return failed is not null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {CorrelationId} failed: it is tried again on the next run")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, Guid correlationId);
}
