using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// The timer's storage chores, each idempotent, so that instances running it at once do no harm:
/// the submission gate's places held by tasks no longer open are freed, and finished task records
/// older than their retention are deleted with the webhook deliveries kept beside them (a bounded
/// batch a run).
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
        await TryAsync("the submission gate's sweep", () => gate.SweepAsync(async (id, ct) => (await store.FindAsync(id, ct))?.IsOpen ?? false, cancellationToken), cancellationToken);
        await TryAsync("finished task records", () => store.DeleteFinishedAsync(now - retention.Value.FinishedTasks, BatchPerRun, cancellationToken), cancellationToken);
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
