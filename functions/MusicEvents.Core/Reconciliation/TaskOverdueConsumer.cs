using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Messaging;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Reconciliation;

/// <summary>Gives up on a task the reconciler found overdue: TimedOut, or SubmissionOutcomeUnknown when it may have been charged.</summary>
public sealed partial class TaskOverdueConsumer(
    ITrackTaskStore store,
    TrackTaskCommitter committer,
    MusicEventsMetrics metrics,
    IOptions<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<TaskOverdueConsumer> logger)
    : IConsumer<TaskOverdue>
{
    public async Task Consume(ConsumeContext<TaskOverdue> context)
    {
        var overdue = context.Message;
        var task = await store.FindAsync(overdue.CorrelationId, context.CancellationToken);
        var change = task?.GiveUp(overdue.SeenUpdatedAt, options.Value.GiveUpAfter, time.GetUtcNow());
        if (change is { MustSave: true, Task.Failure: { } failure })
        {
            LogGaveUp(logger, overdue.CorrelationId, failure.Reason);
            metrics.GaveUp();
        }

        await context.PublishEventsAsync(await committer.CommitAsync(change, context.CancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on {CorrelationId}: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, Guid correlationId, MusicEvents.Contracts.TrackFailureReason reason);
}
