using MassTransit;
using Microsoft.Extensions.Logging;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Turns a final report from MusicAPI (webhook or poll) into the task's final state and its event.
/// The first final report wins; a later one changes nothing. The report that won is remembered by
/// its event id and marked pending until its event is out: when the publish failed, the same
/// report coming again publishes again, and the reconciler publishes it if the report never comes again.
/// </summary>
public sealed partial class TaskReportApplier(TrackTaskStore store, TimeProvider time, ILogger<TaskReportApplier> logger)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    /// <returns>True when the report's event was published.</returns>
    public async Task<bool> ApplyAsync(Guid correlationId, ProviderTaskReport report, string eventId, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        if (!report.IsFinal)
        {
            LogNotFinal(logger, correlationId, report.Status);
            return false;
        }

        var now = time.GetUtcNow();
        if (await store.FindAsync(correlationId, cancellationToken) is null)
        {
            // A genuine delivery for a task we have no record of (lost write, other instance): keep it anyway.
            LogUnknownTask(logger, correlationId);
            await store.TryAddAsync(TrackTask.Accept(correlationId, TrackOperation.Unknown, "", now), cancellationToken);
        }

        var decided = await store.UpdateAsync(correlationId, t => t.IsFinal ? null : Finish(t, report, eventId, now), cancellationToken)
            ?? await store.FindAsync(correlationId, cancellationToken);
        if (decided is null || decided.FinalEventId != eventId)
        {
            LogAlreadyFinal(logger, correlationId, decided?.State);
            return false;
        }

        await PublishDecisionAsync(decided, publish, cancellationToken);
        return true;
    }

    /// <summary>Publishes the event of the report that decided <paramref name="task"/>, then clears its pending mark.</summary>
    public async Task PublishDecisionAsync(TrackTask task, IPublishEndpoint publish, CancellationToken cancellationToken)
    {
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(PublishTimeout);
            await publish.Publish(EventOf(task), timeout.Token);
        }

        await store.UpdateAsync(
            task.CorrelationId,
            t => t.EventPending && t.FinalEventId == task.FinalEventId ? t with { EventPending = false } : null,
            cancellationToken);
    }

    private static TrackTask Finish(TrackTask task, ProviderTaskReport report, string eventId, DateTimeOffset now)
    {
        var taskId = task.TaskId ?? report.TaskId;
        if (report.Status == ProviderTaskStatus.Succeeded && report.Clips.Count > 0)
        {
            return task.MoveTo(TrackTaskState.Completed, now, $"{report.Clips.Count} clip(s)") with
            {
                TaskId = taskId,
                FinalEventId = eventId,
                EventPending = true,
                Clips = [.. report.Clips.Select(c => new TrackClipRecord(c))],
            };
        }

        var message = report.Status == ProviderTaskStatus.Succeeded
            ? "MusicAPI reported success without any audio."
            : report.Message ?? "MusicAPI reported the task failed.";
        return task.Fail(TrackFailureReason.ProviderFailed, message, report.CreditsRefunded, now) with { TaskId = taskId, FinalEventId = eventId, EventPending = true };
    }

    /// <summary>
    /// The event of the report that decided the task, rebuilt from the record: the task may have
    /// moved on since (Stored, or Failed in storage), and a re-publish must still say what was decided.
    /// </summary>
    private static object EventOf(TrackTask task)
    {
        var decided = task.History.LastOrDefault(h => h.State is TrackTaskState.Completed) ?? task.History.Last();
        return decided.State == TrackTaskState.Completed
            ? new TrackCompleted(task.CorrelationId, task.TaskId ?? "", task.Operation, [.. task.Clips.Select(c => c.Source)], decided.At)
            : new TrackFailed(task.CorrelationId, task.TaskId, TrackFailureReason.ProviderFailed, task.FailureMessage ?? "", task.CreditsRefunded, decided.At);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} reported {Status}: not final, state unchanged")]
    private static partial void LogNotFinal(ILogger logger, Guid correlationId, ProviderTaskStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{CorrelationId} has no task record: recording it from MusicAPI's report")]
    private static partial void LogUnknownTask(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} is already {State}: a later report changes nothing")]
    private static partial void LogAlreadyFinal(ILogger logger, Guid correlationId, TrackTaskState? state);
}
