using MassTransit;
using Microsoft.Extensions.Logging;
using MusicEvents.Contracts;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Archive;

/// <summary>Archives every clip of a finished task and publishes <see cref="TrackStored"/> for each.</summary>
public sealed partial class TrackCompletedConsumer(
    ClipArchiver archiver,
    TrackTaskStore store,
    TimeProvider time,
    ILogger<TrackCompletedConsumer> logger) : IConsumer<TrackCompleted>
{
    public async Task Consume(ConsumeContext<TrackCompleted> context)
    {
        var completed = context.Message;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = completed.CorrelationId });
        var stored = new List<TrackStored>();
        try
        {
            foreach (var clip in completed.Clips)
            {
                stored.Add(await archiver.ArchiveAsync(completed.CorrelationId, completed.TaskId, clip, context.CancellationToken));
            }
        }
        catch (Exception exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            await FailAsync(completed, exception, context);
            return;
        }

        await RecordAsync(completed.CorrelationId, stored, context.CancellationToken);
        foreach (var clip in stored)
        {
            await context.Publish(clip, context.CancellationToken);
        }
    }

    private async Task RecordAsync(Guid correlationId, List<TrackStored> stored, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await store.UpdateAsync(correlationId, task =>
        {
            if (task.State is TrackTaskState.Stored or TrackTaskState.Failed)
            {
                return null;
            }

            var clips = task.Clips.Select(c => stored.FirstOrDefault(s => s.ClipId == c.ClipId) is { } s
                ? c with { BlobUri = s.BlobUri, ContentType = s.ContentType, SizeBytes = s.SizeBytes, Sha256 = s.Sha256 }
                : c).ToList();
            var updated = task with { Clips = clips, UpdatedAt = now };
            return clips.All(c => c.IsStored) ? updated.MoveTo(TrackTaskState.Stored, now, $"{clips.Count} clip(s) in blob storage") : updated;
        }, cancellationToken);
    }

    private async Task FailAsync(TrackCompleted completed, Exception exception, ConsumeContext context)
    {
        // The reason names the rule or the last error; never a URL's query, which may carry a token.
        var message = exception is AudioSourceRefusedException refused
            ? $"Refused by the {refused.RuleName} rule: {refused.Detail}"
            : $"Storing the audio failed: {exception.Message}";
        LogFailed(logger, exception, completed.CorrelationId);
        var now = time.GetUtcNow();
        var cancellationToken = context.CancellationToken;

        // Without a record (a TrackCompleted from elsewhere) the failure is still announced, as a
        // success would be; a record already final was announced before and stays as it is.
        var known = await store.FindAsync(completed.CorrelationId, cancellationToken) is not null;
        var failed = known
            ? await store.UpdateAsync(
                completed.CorrelationId,
                t => t.State is TrackTaskState.Stored or TrackTaskState.Failed ? null : t.Fail(TrackFailureReason.StorageFailed, message, null, now),
                cancellationToken)
            : null;
        if (!known || failed is not null)
        {
            await context.Publish(new TrackFailed(completed.CorrelationId, completed.TaskId, TrackFailureReason.StorageFailed, message, null, now), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Archiving {CorrelationId} failed for good")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid correlationId);
}
