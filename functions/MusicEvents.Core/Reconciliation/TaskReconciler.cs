using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// Catches what webhooks miss, and writes no record itself: tasks Submitted longer than
/// OverdueAfter are polled, and a final answer is published as the same <see cref="TaskReported"/>
/// a webhook gives (same dedup, same events); a claimed task open past GiveUpAfter gets a
/// <see cref="TaskOverdue"/>, whose consumer gives up on it. What fails here is tried on the next run.
/// The open tasks it looks at are the submission gate's places: every task claimed and not final
/// holds one (one not claimed yet has its command on its queue, held or sent again by its consumer),
/// so it reads one query of at most about MusicApi:MaxInFlight places and each holder's record by
/// key, whatever the history. A place whose holder is final or was never written was left by a crash
/// between two writes: it is freed here, listing a final holder as finished. Then the
/// <see cref="StorageHousekeeper"/> runs. Every instance may run it at once: it only publishes
/// inputs a task takes once (same input ids), and frees a place only at the version it read.
/// </summary>
public sealed partial class TaskReconciler(
    ITrackTaskStore store,
    ISubmissionGate gate,
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

    // A place is taken (or taken again by a redelivery) just before its task's claim is written: a
    // place this young is never taken for left behind.
    private static readonly TimeSpan LeftBehindAfter = TimeSpan.FromMinutes(2);

    /// <returns>How many reports and verdicts were published.</returns>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var published = 0;
        var freed = 0;

        // Neither overdue (its claim came after its place) nor left behind yet: not worth a read.
        var young = settings.OverdueAfter < LeftBehindAfter ? settings.OverdueAfter : LeftBehindAfter;
        await foreach (var place in gate.ListPlacesAsync(cancellationToken))
        {
            if (now - place.Since < young)
            {
                continue;
            }

            var task = await store.FindAsync(place.Holder, cancellationToken);
            if (task is not { IsOpen: true, SubmissionStartedAt: not null })
            {
                // Final (a crash before its release), never written, or not claimed (a crash between
                // its place and its claim, or after a "not charged" answer: its command, when it
                // comes again, takes a place again). A final holder is listed as finished with it.
                if (now - place.Since >= LeftBehindAfter)
                {
                    var finishedAt = task is { IsOpen: false } ? task.UpdatedAt : (DateTimeOffset?)null;
                    freed += await TryAsync(place.Holder, () => gate.FreeAsync(place, finishedAt, cancellationToken), cancellationToken) ? 1 : 0;
                }
            }
            else if (task.State == TrackTaskState.Submitted && task.UpdatedAt < now - settings.OverdueAfter)
            {
                published += await TryAsync(task.CorrelationId, () => PollAsync(task, now, cancellationToken), cancellationToken) ? 1 : 0;
            }
            else if (task.State == TrackTaskState.Accepted && task.UpdatedAt < now - settings.GiveUpAfter)
            {
                // Claimed, and its create call never answered: no poll can tell.
                published += await TryAsync(task.CorrelationId, () => OverdueAsync(task, cancellationToken), cancellationToken) ? 1 : 0;
            }
        }

        if (freed > 0)
        {
            LogFreed(logger, freed);
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

    /// <summary>One task's failure (MusicAPI, the broker or storage unreachable) does not stop the others; a shutdown does.</summary>
    private async Task<bool> TryAsync(Guid correlationId, Func<Task<bool>> reconcile, CancellationToken cancellationToken)
    {
        try
        {
            return await reconcile();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception, correlationId);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Freed {Count} places of the submission gate left by tasks final or never written")]
    private static partial void LogFreed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {CorrelationId} failed: it is tried again on the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid correlationId);
}
