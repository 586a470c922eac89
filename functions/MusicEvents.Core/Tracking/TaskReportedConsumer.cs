using MassTransit;
using Microsoft.Extensions.Logging;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;
using MusicEvents.Core.Telemetry;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Applies MusicAPI's final report to the task: Completed or Failed, the first final report winning.
/// A webhook's delivery is kept in the same write. A report the task has taken before (its input is
/// in the history) changes nothing; its events go out again only when this message may be the one
/// that took it and then failed to publish (a retry, a broker redelivery) or an operator asks for it
/// (replay): so twenty copies of one delivery, each its own message, publish one decision.
/// </summary>
public sealed partial class TaskReportedConsumer(
    ITrackTaskStore store,
    IKeptDeliveries deliveries,
    TrackTaskCommitter committer,
    MusicEventsMetrics metrics,
    TimeProvider time,
    ILogger<TaskReportedConsumer> logger)
    : IConsumer<TaskReported>
{
    public async Task Consume(ConsumeContext<TaskReported> context)
    {
        var reported = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = reported.CorrelationId, ["Input"] = reported.Input });
        var now = time.GetUtcNow();
        var read = await store.FindToChangeAsync(reported.CorrelationId, context.CancellationToken);
        var change = Decide(read.Task, reported, now);
        if (change is not { MustSave: true } && read.Remembered)
        {
            // Nothing to write is decided on the record itself, not on a version this process kept.
            change = Decide(await store.FindAsync(reported.CorrelationId, context.CancellationToken), reported, now);
        }

        if (change is null)
        {
            LogNothingNew(logger, reported.CorrelationId);
            if (reported.Delivery is { } delivery)
            {
                await deliveries.KeepAsync(delivery, context.CancellationToken);
            }

            return;
        }

        if (!change.MustSave && !reported.Replay && !context.MayBeRedelivered())
        {
            LogTakenBefore(logger, reported.CorrelationId, reported.Input);
            if (reported.Delivery is not null)
            {
                // The webhook counted it valid; here it is known to be a copy of one taken before.
                metrics.WebhookDelivery("duplicate");
            }

            return;
        }

        await context.PublishEventsAsync(await committer.CommitAsync(change, context.CancellationToken, reported.Delivery));
    }

    private TrackTaskChange? Decide(TrackTask? task, TaskReported reported, DateTimeOffset now)
    {
        if (task is not null)
        {
            return task.Report(reported.Input, reported.Report, now);
        }

        // A genuine report for a task we have no record of (a record lost, another deployment): kept anyway.
        LogUnknownTask(logger, reported.CorrelationId);
        var accepted = TrackTask.Accept(reported.CorrelationId, TrackOperation.Unknown, "", now) with { TraceParent = FlowTrace.CurrentTraceParent() };
        return TrackTaskChange.New(accepted).Then(t => t.Report(reported.Input, reported.Report, now));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} has no task record: recording it from MusicAPI's report")]
    private static partial void LogUnknownTask(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId}: this report changes nothing")]
    private static partial void LogNothingNew(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} took {Input} before: a duplicate, nothing new")]
    private static partial void LogTakenBefore(ILogger logger, Guid correlationId, string input);
}
