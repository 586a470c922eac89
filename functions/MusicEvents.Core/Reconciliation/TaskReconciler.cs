using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// Catches what webhooks miss, and writes no record itself: tasks Submitted longer than
/// OverdueAfter are polled, and a final answer is published as the same <see cref="TaskReported"/>
/// a webhook gives (same dedup, same events); a task open past GiveUpAfter gets a
/// <see cref="TaskOverdue"/>, whose consumer gives up on it. What fails here is tried on the next run.
/// It reads the index of open tasks only, so its cost follows the open tasks, not the history; then
/// the <see cref="StorageHousekeeper"/> runs. Every instance may run it at once: it only publishes
/// inputs a task takes once (same input ids), and the chores are idempotent.
/// </summary>
public sealed partial class TaskReconciler(
    ITrackTaskStore store,
    MusicApiClient musicApi,
    IPublishEndpoint publish,
    StorageHousekeeper housekeeper,
    MusicEventsMetrics metrics,
    IOptions<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<TaskReconciler> logger)
{
    // A broker that is down must not hold the timer past its next run.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    /// <returns>How many reports and verdicts were published.</returns>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var published = 0;

        // A task is overdue OverdueAfter after its creation at the earliest: older open tasks only.
        await foreach (var task in store.ListOpenAsync(now - settings.OverdueAfter, cancellationToken))
        {
            if (task.State == TrackTaskState.Submitted && task.UpdatedAt < now - settings.OverdueAfter)
            {
                published += await TryAsync(task, () => PollAsync(task, now, cancellationToken), cancellationToken) ? 1 : 0;
            }
            else if (task.State == TrackTaskState.Accepted && !task.IsWaiting && task.UpdatedAt < now - settings.GiveUpAfter)
            {
                // Never submitted (its command lost), or its create call never answered: no poll can tell.
                // A waiting task's command is held by a consumer: it is not lost.
                published += await TryAsync(task, () => OverdueAsync(task, cancellationToken), cancellationToken) ? 1 : 0;
            }
        }

        await housekeeper.RunAsync(cancellationToken);
        return published;
    }

    private async Task<bool> PollAsync(TrackTask task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Part of the task's flow, linked to this timer run.
        using var span = FlowTrace.Continue("reconcile poll", task.TraceParent, task.CorrelationId, task.TaskId);
        var report = task.TaskId is { } taskId ? await PollOnceAsync(taskId, cancellationToken) : null;
        if (report is { IsFinal: true })
        {
            // One input id per MusicAPI task: a repeated poll of the same final answer is the same report.
            return await PublishAsync(new TaskReported(task.CorrelationId, TrackInputs.Poll(task.TaskId!), report), cancellationToken);
        }

        return now - task.CreatedAt >= options.Value.GiveUpAfter
            && await PublishAsync(new TaskOverdue(task.CorrelationId, task.UpdatedAt), cancellationToken);
    }

    private async Task<ProviderTaskReport?> PollOnceAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            var report = await musicApi.GetTaskAsync(taskId, cancellationToken);
            metrics.Polled(report is { IsFinal: true } ? "final" : "pending");
            return report;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Polled("error");
            throw;
        }
    }

    private async Task<bool> OverdueAsync(TrackTask task, CancellationToken cancellationToken)
    {
        using var span = FlowTrace.Continue("reconcile overdue", task.TraceParent, task.CorrelationId, task.TaskId);
        return await PublishAsync(new TaskOverdue(task.CorrelationId, task.UpdatedAt), cancellationToken);
    }

    private async Task<bool> PublishAsync<T>(T message, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        await publish.Publish(message, timeout.Token);
        return true;
    }

    /// <summary>One task's failure (MusicAPI or the broker unreachable) does not stop the others; a shutdown does.</summary>
    private async Task<bool> TryAsync(TrackTask task, Func<Task<bool>> reconcile, CancellationToken cancellationToken)
    {
        try
        {
            return await reconcile();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception, task.CorrelationId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {CorrelationId} failed: it is tried again on the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid correlationId);
}
