using MassTransit;
using Microsoft.Extensions.Logging;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Turns a final report from MusicAPI (webhook or poll) into the task's final state and its event.
/// The first final report wins; a later one changes nothing. The report that won is remembered by
/// its event id and its event stays pending until published (<see cref="DecisionPublisher"/>): the
/// same report coming again, or the reconciler, publishes it when the first publish failed.
/// </summary>
public sealed partial class TaskReportApplier(TrackTaskStore store, DecisionPublisher decisions, TimeProvider time, ILogger<TaskReportApplier> logger)
{
    /// <param name="republish">An operator's replay: publish the decision's event again even if it went out before.</param>
    /// <returns>True when the report's event was published.</returns>
    public async Task<bool> ApplyAsync(
        Guid correlationId, ProviderTaskReport report, string eventId, IPublishEndpoint publish, CancellationToken cancellationToken, bool republish = false)
    {
        if (!report.IsFinal)
        {
            LogNotFinal(logger, correlationId, report.Status);
            return false;
        }

        var now = time.GetUtcNow();
        var decided = await DecideAsync(correlationId, report, eventId, now, cancellationToken);
        var current = decided ?? await store.FindAsync(correlationId, cancellationToken);
        if (current is null)
        {
            // A genuine delivery for a task we have no record of (lost write, other instance): keep it anyway.
            LogUnknownTask(logger, correlationId);
            await store.TryAddAsync(TrackTask.Accept(correlationId, TrackOperation.Unknown, "", now), cancellationToken);
            decided = await DecideAsync(correlationId, report, eventId, now, cancellationToken);
            current = decided ?? await store.FindAsync(correlationId, cancellationToken);
        }

        if (decided is not null)
        {
            await decisions.PublishOwnedAsync(decided, publish, cancellationToken);
            return true;
        }

        if (current?.FinalEventId != eventId)
        {
            LogAlreadyFinal(logger, correlationId, current?.State);
            return false;
        }

        // This report decided the task before; its event may not have gone out.
        if (republish)
        {
            await DecisionPublisher.PublishAsync(current, publish, cancellationToken);
            return true;
        }

        return await decisions.TryPublishPendingAsync(correlationId, eventId, publish, cancellationToken);
    }

    /// <summary>Makes the report the task's decision, unless the task is already decided (or has no record).</summary>
    private Task<TrackTask?> DecideAsync(Guid correlationId, ProviderTaskReport report, string eventId, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.UpdateAsync(correlationId, t => t.IsFinal ? null : DecisionPublisher.Pending(Finish(t, report, now), eventId, now), cancellationToken);

    private static TrackTask Finish(TrackTask task, ProviderTaskReport report, DateTimeOffset now)
    {
        var taskId = task.TaskId ?? report.TaskId;
        if (report.Status == ProviderTaskStatus.Succeeded && report.Clips.Count > 0)
        {
            return task.MoveTo(TrackTaskState.Completed, now, $"{report.Clips.Count} clip(s)") with
            {
                TaskId = taskId,
                Clips = [.. report.Clips.Select(c => new TrackClipRecord(c))],
            };
        }

        var message = report.Status == ProviderTaskStatus.Succeeded
            ? "MusicAPI reported success without any audio."
            : report.Message ?? "MusicAPI reported the task failed.";
        return task.Fail(TrackFailureReason.ProviderFailed, message, report.CreditsRefunded, now) with { TaskId = taskId };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} reported {Status}: not final, state unchanged")]
    private static partial void LogNotFinal(ILogger logger, Guid correlationId, ProviderTaskStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} has no task record: recording it from MusicAPI's report")]
    private static partial void LogUnknownTask(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} is already {State}: a later report changes nothing")]
    private static partial void LogAlreadyFinal(ILogger logger, Guid correlationId, TrackTaskState? state);
}
