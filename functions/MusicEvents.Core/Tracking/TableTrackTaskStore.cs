using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Task records in Azure Table Storage: one entity per correlation id, written against its ETag,
/// with the indexes of open and finished tasks beside them (<see cref="TrackTaskIndexes"/>).
/// </summary>
public sealed class TableTrackTaskStore(TableServiceClient tables, TableKeptDeliveries deliveries, RecentTrackTasks recent, TimeProvider time) : ITrackTaskStore
{
    public const string TasksTable = "TrackTasks";
    public const string OpenTable = TrackTaskIndexes.OpenTable;
    public const string FinishedTable = TrackTaskIndexes.FinishedTable;
    private readonly TrackTaskIndexes indexes = new(tables);
    private const string RowKey = "task";

    // The reservation of an id by an HTTP request: in the task's partition, another row.
    private const string ReservationRowKey = "request";

    private TableClient Tasks => tables.GetTableClient(TasksTable);

    public async Task<TrackTask?> FindAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        var entity = await Tasks.GetEntityIfExistsAsync<TableEntity>(Key(correlationId), RowKey, cancellationToken: cancellationToken);
        if (!entity.HasValue)
        {
            recent.Forget(correlationId);
            return null;
        }

        var task = TrackTaskEntity.Read(entity.Value!);
        recent.Remember(task);
        return task;
    }

    public async Task<TrackTask?> FindToChangeAsync(Guid correlationId, CancellationToken cancellationToken) =>
        recent.Recall(correlationId) ?? await FindAsync(correlationId, cancellationToken);

    public Task<TrackTask> SaveAsync(TrackTask task, CancellationToken cancellationToken) => SaveAsync(task, null, cancellationToken);

    public async Task<TrackTask> SaveAsync(TrackTask task, WebhookDelivery? delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var inserting = task.ETag is null;
        var closing = !task.IsOpen && !inserting && JustFinished(task);

        // Index rows go first, so that no open or finished record is ever missing from its index.
        if (inserting && task.IsOpen)
        {
            await indexes.OpenedAsync(task, cancellationToken);
        }
        else if (inserting || closing)
        {
            await indexes.FinishingAsync(task, cancellationToken);
        }

        ETag? etag;
        try
        {
            var entity = TrackTaskEntity.Write(task);
            if (delivery is null)
            {
                var response = inserting
                    ? await Tasks.AddEntityAsync(entity, cancellationToken)
                    : await Tasks.UpdateEntityAsync(entity, new ETag(task.ETag!), TableUpdateMode.Replace, cancellationToken);
                etag = response.Headers.ETag;
            }
            else
            {
                // One request for both rows: the task's partition holds its kept deliveries too.
                TableTransactionAction[] actions =
                [
                    inserting
                        ? new(TableTransactionActionType.Add, entity)
                        : new(TableTransactionActionType.UpdateReplace, entity, new ETag(task.ETag!)),
                    new(TableTransactionActionType.UpsertReplace, await deliveries.RowAsync(delivery, cancellationToken)),
                ];
                var response = await Tasks.SubmitTransactionAsync(actions, cancellationToken);
                etag = response.Value[0].Headers.ETag;
            }
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            recent.Forget(task.CorrelationId);
            throw TrackTaskConflictException.For(task.CorrelationId, exception);
        }

        if (closing)
        {
            await indexes.ClosedAsync(task, cancellationToken);
        }

        var saved = task with { ETag = etag?.ToString() };
        recent.Remember(saved);
        return saved;
    }

    /// <summary>This version's last step moved the task from open to final (the write that finishes it).</summary>
    private static bool JustFinished(TrackTask task) =>
        task.History.Count >= 2
        && task.History[^1].At == task.UpdatedAt
        && task.History[^1].State is not (TrackTaskState.Accepted or TrackTaskState.Submitted)
        && task.History[^2].State is TrackTaskState.Accepted or TrackTaskState.Submitted;

    public async Task<string> ReserveAsync(Guid correlationId, string fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            await Tasks.AddEntityAsync(new TableEntity(Key(correlationId), ReservationRowKey) { ["Fingerprint"] = fingerprint }, cancellationToken);
            return fingerprint;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            var reserved = await Tasks.GetEntityAsync<TableEntity>(Key(correlationId), ReservationRowKey, cancellationToken: cancellationToken);
            return reserved.Value.GetString("Fingerprint");
        }
    }

    public IAsyncEnumerable<TrackTask> ListOpenAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken) =>
        indexes.ListOpenAsync(FindAsync, createdBefore, time, cancellationToken);

    public async Task<int> DeleteFinishedAsync(DateTimeOffset finishedBefore, int limit, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var row in indexes.ListFinishedAsync(finishedBefore, cancellationToken))
        {
            if (deleted >= limit)
            {
                break;
            }

            var task = await FindAsync(Guid.Parse(row.RowKey), cancellationToken);
            if (task is { IsOpen: false } && task.UpdatedAt >= finishedBefore)
            {
                // Changed since it finished (stored, or a late success): listed again under its last change.
                await indexes.FinishingAsync(task, cancellationToken);
            }
            else if (task is { IsOpen: false })
            {
                await DeleteRowAsync(task.CorrelationId, RowKey, task.ETag, cancellationToken);
                recent.Forget(task.CorrelationId);
                await DeleteRowAsync(task.CorrelationId, ReservationRowKey, null, cancellationToken);
                await deliveries.DeleteForAsync(task.CorrelationId, cancellationToken);
                deleted++;
            }

            // An open task here was listed by a write that then lost its race: it is listed again when it finishes.
            await indexes.ForgetFinishedAsync(row, cancellationToken);
        }

        return deleted;
    }

    private async Task DeleteRowAsync(Guid correlationId, string rowKey, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            await Tasks.DeleteEntityAsync(Key(correlationId), rowKey, etag is null ? ETag.All : new ETag(etag), cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Gone already, or changed meanwhile (it is listed again when it finishes again).
        }
    }

    private static string Key(Guid correlationId) => correlationId.ToString("D");

    /// <summary>The mapping between the record and its table entity; lists are kept as JSON.</summary>
    private static class TrackTaskEntity
    {
        public static TableEntity Write(TrackTask task) => new(Key(task.CorrelationId), RowKey)
        {
            ["CorrelationId"] = task.CorrelationId,
            ["Operation"] = task.Operation.ToString(),
            ["State"] = task.State.ToString(),
            ["RequestFingerprint"] = task.RequestFingerprint,
            ["TaskId"] = task.TaskId,
            ["CreatedAt"] = task.CreatedAt,
            ["UpdatedAt"] = task.UpdatedAt,
            ["SubmissionStartedAt"] = task.SubmissionStartedAt,
            ["Waiting"] = task.Waiting is null ? null : JsonSerializer.Serialize(task.Waiting),
            ["NotChargedAnswers"] = task.NotChargedAnswers,
            ["TraceParent"] = task.TraceParent,
            ["Clips"] = JsonSerializer.Serialize(task.Clips),
            ["FailureReason"] = task.Failure?.Reason.ToString(),
            ["FailureMessage"] = task.Failure?.Message,
            ["CreditsRefunded"] = task.Failure?.CreditsRefunded,
            ["History"] = JsonSerializer.Serialize(task.History),
        };

        public static TrackTask Read(TableEntity entity) => new()
        {
            CorrelationId = entity.GetGuid("CorrelationId")!.Value,
            Operation = Enum.Parse<TrackOperation>(entity.GetString("Operation")),
            State = Enum.Parse<TrackTaskState>(entity.GetString("State")),
            RequestFingerprint = entity.GetString("RequestFingerprint"),
            TaskId = entity.GetString("TaskId"),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt")!.Value,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt")!.Value,
            SubmissionStartedAt = entity.GetDateTimeOffset("SubmissionStartedAt"),
            Waiting = entity.GetString("Waiting") is { } waiting ? JsonSerializer.Deserialize<TrackWait>(waiting) : null,
            NotChargedAnswers = entity.GetInt32("NotChargedAnswers") ?? 0,
            TraceParent = entity.GetString("TraceParent"),
            Clips = JsonSerializer.Deserialize<List<TrackClipRecord>>(entity.GetString("Clips") ?? "[]") ?? [],
            Failure = entity.GetString("FailureReason") is { } reason
                ? new TrackFailure(Enum.Parse<TrackFailureReason>(reason), entity.GetString("FailureMessage") ?? "", entity.GetBoolean("CreditsRefunded"))
                : null,
            History = JsonSerializer.Deserialize<List<TrackHistoryEntry>>(entity.GetString("History") ?? "[]") ?? [],
            ETag = entity.ETag.ToString(),
        };
    }
}
