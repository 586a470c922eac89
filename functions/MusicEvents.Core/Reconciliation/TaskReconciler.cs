using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// Catches what webhooks miss: tasks Submitted longer than OverdueAfter are polled, and a final
/// answer goes down the webhook's own path (same monotonic state, same events); past GiveUpAfter,
/// a task fails as TimedOut.
/// </summary>
public sealed partial class TaskReconciler(
    TrackTaskStore store,
    MusicApiClient musicApi,
    TaskReportApplier applier,
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

        return settled;
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

        var message = $"No final answer from MusicAPI within {options.Value.GiveUpAfter}.";
        var failed = await store.UpdateAsync(task.CorrelationId, t => t.IsFinal ? null : t.Fail(TrackFailureReason.TimedOut, message, null, now), cancellationToken);
        if (failed is not null)
        {
            await publish.Publish(new TrackFailed(task.CorrelationId, task.TaskId, TrackFailureReason.TimedOut, message, null, now), cancellationToken);
        }

        return failed is not null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {CorrelationId} failed: it is tried again on the next run")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, Guid correlationId);
}
