using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace MusicEvents.Sandbox;

/// <summary>
/// Ends a due task: success (one new clip, two with <c>clips2</c>) or failure (credits refunded), then the webhooks the
/// task's faults ask for. The state changes before any delivery, so a receiver that polls at
/// once already sees the final status.
/// </summary>
internal sealed class TaskFinisher(
    SandboxState state,
    WebhookSender sender,
    TimeProvider time,
    IOptions<SandboxOptions> options,
    ILogger<TaskFinisher> logger)
{
    public const string Completed = "song.completed";
    public const string Failed = "song.failed";
    public const string Streaming = "song.streaming";
    private const string Platform = "producer";

    public async Task FinishAsync(SandboxTask task, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failure = FailureReason(task);
        var clips = Enumerable.Range(0, task.Faults.ClipCount).Select(i => NewClip(task, i, now)).ToList();
        if (failure is null ? !task.TryComplete(clips, now) : !task.TryFail(failure, now))
        {
            return;
        }

        state.Finished();
        if (failure is not null)
        {
            state.Refund(SandboxState.TaskCost);
        }

        logger.LogInformation("Task {TaskId} finished {Status}", task.Id, task.StatusText);
        if (task.Request.WebhookUrl is null || task.Faults.Drop)
        {
            return;
        }

        if (task.Faults.WebhookDelaySeconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(task.Faults.WebhookDelaySeconds), time, cancellationToken);
        }

        await DeliverAllAsync(task, clips, failure, cancellationToken);
    }

    private async Task DeliverAllAsync(SandboxTask task, IReadOnlyList<SandboxClip> clips, string? failure, CancellationToken cancellationToken)
    {
        var streaming = new WebhookCompletedPayload(task.Id, Platform, Streaming, 200, "streaming", [.. clips.Select(c => c with { State = "streaming" })]);
        object final = failure is null
            ? new WebhookCompletedPayload(task.Id, Platform, Completed, 200, "success", clips)
            : new WebhookFailedPayload(task.Id, Platform, Failed, "failed", failure, RefundProcessed: true);
        var finalEvent = failure is null ? Completed : Failed;
        var finalId = NewWebhookId();

        if (task.Faults.Streaming && !task.Faults.Reorder)
        {
            await sender.SendAsync(task, Streaming, NewWebhookId(), Serialize(streaming), cancellationToken);
        }

        await sender.SendAsync(task, finalEvent, finalId, Serialize(final), cancellationToken);
        if (task.Faults.Duplicate)
        {
            await sender.SendAsync(task, finalEvent, finalId, Serialize(final), cancellationToken);
        }

        if (task.Faults.Reorder)
        {
            await sender.SendAsync(task, Streaming, NewWebhookId(), Serialize(streaming), cancellationToken);
        }
    }

    private string? FailureReason(SandboxTask task) =>
        task.Faults.Fail ? "Sandbox fault injection: the clip_id asked for a failed task."
        : options.Value.FailAllTasks ? "Sandbox fault injection: FailAllTasks is set."
        : null;

    private static SandboxClip NewClip(SandboxTask task, int index, DateTimeOffset now)
    {
        var clipId = Guid.NewGuid().ToString();
        var request = task.Request;
        var source = FaultSet.SourceClipId(request.ClipId);
        var title = request.TaskType == TaskRequest.Extend
            ? string.Create(CultureInfo.InvariantCulture, $"Sandbox extension of {source} from {request.StartsAt}s")
            : string.Create(CultureInfo.InvariantCulture, $"Sandbox replacement of {source} {request.StartsAt}s-{request.EndsAt}s");
        title = index == 0 ? title : $"{title} (take {index + 1})";
        var path = $"{task.AudioBaseUrl}/sandbox";
        return new SandboxClip(
            clipId,
            "succeeded",
            title,
            $"{path}/audio/{task.Id}/{clipId}.wav",
            $"{path}/image/{task.Id}/{clipId}.png",
            task.DurationSeconds,
            now);
    }

    private static string NewWebhookId() => $"evt_{Guid.NewGuid():N}";

    private static byte[] Serialize(object payload) =>
        JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), SandboxJson.Options);
}
