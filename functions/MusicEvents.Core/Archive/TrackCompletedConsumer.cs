using MassTransit;
using Microsoft.Extensions.Logging;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Archives every clip of a finished task, each its own outcome: every clip stored publishes its
/// <see cref="TrackStored"/>, and a clip that could not be stored fails the task as StorageFailed,
/// naming it, after the others are stored. A redelivery finds the stored blobs and the recorded
/// failure, and publishes the same events again.
/// </summary>
public sealed partial class TrackCompletedConsumer(
    IClipArchiver archiver,
    ITrackTaskStore store,
    TrackTaskCommitter committer,
    MusicEventsMetrics metrics,
    TimeProvider time,
    ILogger<TrackCompletedConsumer> logger) : IConsumer<TrackCompleted>
{
    public async Task Consume(ConsumeContext<TrackCompleted> context)
    {
        var completed = context.Message;
        var cancellationToken = context.CancellationToken;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = completed.CorrelationId });
        var read = await store.FindToChangeAsync(completed.CorrelationId, cancellationToken);
        var task = read.Task;
        var stored = new List<TrackStored>();
        var refusals = new List<string>();
        foreach (var clip in completed.Clips)
        {
            using var span = FlowTrace.Tag(FlowTrace.Source.StartActivity("archive clip"), completed.CorrelationId, completed.TaskId);
            span?.SetTag("musicevents.clip_id", clip.ClipId);
            var started = time.GetTimestamp();
            try
            {
                var archived = await archiver.ArchiveAsync(completed.CorrelationId, completed.TaskId, clip, cancellationToken);
                if (task?.Clips.FirstOrDefault(c => c.ClipId == clip.ClipId) is not { IsStored: true })
                {
                    metrics.Archived(archived.SizeBytes, time.GetElapsedTime(started));
                }

                stored.Add(archived);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, exception, clip.ClipId, completed.CorrelationId);
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
                refusals.Add(Describe(clip.ClipId, exception));
            }
        }

        var now = time.GetUtcNow();
        var change = Outcome(task, completed, stored, refusals, now);
        if (!change.MustSave && read.Remembered)
        {
            // Nothing to write is decided on the record itself, not on a version this process kept.
            change = Outcome(await store.FindAsync(completed.CorrelationId, cancellationToken), completed, stored, refusals, now);
        }

        await context.PublishEventsAsync(await committer.CommitAsync(change, cancellationToken));
    }

    private static TrackTaskChange Outcome(TrackTask? task, TrackCompleted completed, List<TrackStored> stored, List<string> refusals, DateTimeOffset now)
    {
        var change = task is not null
            ? TrackTaskChange.None(task)
            : TrackTaskChange.New(TrackTask.Adopt(completed, now) with { TraceParent = FlowTrace.CurrentTraceParent() });
        foreach (var clip in stored)
        {
            change = change.Then(t => t.Store(clip, now));
        }

        if (refusals.Count > 0)
        {
            var failure = new TrackFailure(TrackFailureReason.StorageFailed, string.Join(" ", refusals));
            change = change.Then(t => t.Fail(failure, TrackInputs.Storage, now));
        }

        return change;
    }

    /// <summary>Names the clip and the rule or the last error; never a URL's query, which may carry a token.</summary>
    private static string Describe(string clipId, Exception exception) => exception is AudioSourceRefusedException refused
        ? $"Clip {clipId}: refused by the {refused.RuleName} rule: {refused.Detail}"
        : $"Clip {clipId}: storing the audio failed: {exception.Message}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Archiving {ClipId} of {CorrelationId} failed for good")]
    private static partial void LogFailed(ILogger logger, Exception exception, string clipId, Guid correlationId);
}
