using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// The timer's storage chores, each idempotent, so that instances running it at once do no harm:
/// finished task records older than their retention are deleted (a bounded batch a run). Finished
/// tasks are read from the submission gate's list, oldest first, and each task's partition goes
/// whole: its record and every row kept beside it (the reservation, the webhook deliveries).
/// </summary>
public sealed partial class StorageHousekeeper(
    ITrackTaskStore store,
    ISubmissionGate gate,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    ILogger<StorageHousekeeper> logger)
{
    // A run deletes at most this many of each, so that a backlog cannot hold the timer.
    private const int BatchPerRun = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await TryAsync("finished task records", () => DeleteFinishedAsync(now - retention.Value.FinishedTasks, cancellationToken), cancellationToken);
    }

    private async Task<int> DeleteFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var done = new List<FinishedTask>();
        try
        {
            await foreach (var finished in gate.ListFinishedAsync(finishedBefore, cancellationToken))
            {
                if (done.Count >= BatchPerRun)
                {
                    break;
                }

                switch (await store.DeleteIfFinishedBeforeAsync(finished.CorrelationId, finishedBefore, cancellationToken))
                {
                    case FinishedTaskDeletion.Deleted:
                        deleted++;
                        done.Add(finished);
                        break;

                    case FinishedTaskDeletion.Open:
                        // Listed before a final write that then failed: listed again when it finishes.
                        done.Add(finished);
                        break;

                    case FinishedTaskDeletion.ChangedSince changed:
                        // Stored, or a late success, since it first finished: its retention runs from then.
                        await gate.RecordFinishedAsync(finished.CorrelationId, changed.UpdatedAt, cancellationToken);
                        done.Add(finished);
                        break;
                }
            }
        }
        finally
        {
            // What was done before a failure is not done again by the next run.
            await gate.ForgetFinishedAsync(done, cancellationToken);
        }

        return deleted;
    }

    private async Task TryAsync(string chore, Func<Task<int>> run, CancellationToken cancellationToken)
    {
        try
        {
            if (await run() is var count and > 0)
            {
                LogDone(logger, chore, count);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, exception, chore);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping, {Chore}: {Count}")]
    private static partial void LogDone(ILogger logger, string chore, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping of {Chore} failed: it is tried again on the next run")]
    private static partial void LogFailed(ILogger logger, Exception exception, string chore);
}
