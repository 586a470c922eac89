using MassTransit;
using Microsoft.Extensions.Logging;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;
using MusicEvents.Core.Telemetry;

namespace MusicEvents.Core.Tracking;

/// <summary>Applies MusicAPI's final report to the task: Completed or Failed, the first final report winning.</summary>
public sealed partial class TaskReportedConsumer(ITrackTaskStore store, TrackTaskCommitter committer, TimeProvider time, ILogger<TaskReportedConsumer> logger)
    : IConsumer<TaskReported>
{
    public async Task Consume(ConsumeContext<TaskReported> context)
    {
        var reported = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = reported.CorrelationId, ["Input"] = reported.Input });
        var now = time.GetUtcNow();
        var task = await store.FindAsync(reported.CorrelationId, context.CancellationToken);
        TrackTaskChange? change;
        if (task is not null)
        {
            change = task.Report(reported.Input, reported.Report, now);
        }
        else
        {
            // A genuine report for a task we have no record of (a record lost, another deployment): kept anyway.
            LogUnknownTask(logger, reported.CorrelationId);
            var accepted = TrackTask.Accept(reported.CorrelationId, TrackOperation.Unknown, "", now) with { TraceParent = FlowTrace.CurrentTraceParent() };
            change = TrackTaskChange.New(accepted)
                .Then(t => t.Report(reported.Input, reported.Report, now));
        }

        if (change is null)
        {
            LogNothingNew(logger, reported.CorrelationId, task?.State);
        }

        await context.PublishEventsAsync(await committer.CommitAsync(change, context.CancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} has no task record: recording it from MusicAPI's report")]
    private static partial void LogUnknownTask(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} is {State}: this report changes nothing")]
    private static partial void LogNothingNew(ILogger logger, Guid correlationId, TrackTaskState? state);
}
