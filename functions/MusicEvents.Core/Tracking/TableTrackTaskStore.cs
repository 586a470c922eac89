using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Task records in Azure Table Storage: one entity per correlation id, written against its ETag, in
/// a partition of its own (its correlation id) with the rows kept beside it (<see cref="TaskPartition"/>).
/// The lists of open and finished tasks the timer reads are the submission gate's
/// (<see cref="Submission.Gate.ISubmissionGate"/>).
/// </summary>
public sealed class TableTrackTaskStore(TableServiceClient tables, TableKeptDeliveries deliveries, RecentTrackTasks recent) : ITrackTaskStore
{
    public const string TasksTable = "TrackTasks";

    // A transaction holds at most this many operations.
    private const int TransactionLimit = 100;

    private TableClient Tasks => tables.GetTableClient(TasksTable);

    public async Task<TrackTask?> FindAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        var entity = await Tasks.GetEntityIfExistsAsync<TableEntity>(TaskPartition.Key(correlationId), TaskPartition.RecordRow(correlationId), cancellationToken: cancellationToken);
        if (!entity.HasValue)
        {
            recent.Forget(correlationId);
            return null;
        }

        var task = TrackTaskEntity.Read(entity.Value!);
        recent.Remember(task);
        return task;
    }

    public async Task<TrackTaskRead> FindToChangeAsync(Guid correlationId, CancellationToken cancellationToken) =>
        recent.Recall(correlationId) is { } remembered
            ? new(remembered, Remembered: true)
            : new(await FindAsync(correlationId, cancellationToken), Remembered: false);

    public Task<TrackTask> SaveAsync(TrackTask task, CancellationToken cancellationToken) => SaveAsync(task, null, cancellationToken);

    public async Task<TrackTask> SaveAsync(TrackTask task, WebhookDelivery? delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var inserting = task.ETag is null;
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
            recent.ForgetVersion(task.CorrelationId, task.ETag);
            throw TrackTaskConflictException.For(task.CorrelationId, exception);
        }

        var saved = task with { ETag = etag?.ToString() };
        recent.Remember(saved);
        return saved;
    }

    public async Task<string> ReserveAsync(Guid correlationId, string fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            await Tasks.AddEntityAsync(new TableEntity(TaskPartition.Key(correlationId), TaskPartition.ReservationRow(correlationId)) { ["Fingerprint"] = fingerprint }, cancellationToken);
            return fingerprint;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            var reserved = await Tasks.GetEntityAsync<TableEntity>(TaskPartition.Key(correlationId), TaskPartition.ReservationRow(correlationId), cancellationToken: cancellationToken);
            return reserved.Value.GetString("Fingerprint");
        }
    }

    public async Task<FinishedTaskDeletion> DeleteIfFinishedBeforeAsync(Guid correlationId, DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var recordRow = TaskPartition.RecordRow(correlationId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TaskPartition.Key(correlationId)}");
        await foreach (var row in Tasks.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "State", "UpdatedAt", "BodyBlob"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        if (rows.Find(r => r.RowKey == recordRow) is { } record)
        {
            if (Enum.Parse<TrackTaskState>(record.GetString("State")) is TrackTaskState.Accepted or TrackTaskState.Submitted)
            {
                return new FinishedTaskDeletion.Open();
            }

            if (record.GetDateTimeOffset("UpdatedAt") is { } updatedAt && updatedAt >= finishedBefore)
            {
                return new FinishedTaskDeletion.ChangedSince(updatedAt);
            }
        }

        // The record first, at the version read: a write since then fails the transaction and keeps it all.
        foreach (var chunk in rows.OrderBy(r => r.RowKey == recordRow ? 0 : 1).Chunk(TransactionLimit))
        {
            try
            {
                await Tasks.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.RowKey == recordRow ? r.ETag : ETag.All)),
                    cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 412)
            {
                return new FinishedTaskDeletion.Contended();
            }
        }

        recent.Forget(correlationId);

        // After the rows, so that a kept delivery never loses its body to a deletion that did not happen.
        foreach (var row in rows)
        {
            if (row.GetString("BodyBlob") is { } blobName)
            {
                await deliveries.DeleteBodyAsync(blobName, cancellationToken);
            }
        }

        return new FinishedTaskDeletion.Deleted();
    }

    /// <summary>The mapping between the record and its table entity; lists are kept as JSON.</summary>
    private static class TrackTaskEntity
    {
        public static TableEntity Write(TrackTask task) => new(TaskPartition.Key(task.CorrelationId), TaskPartition.RecordRow(task.CorrelationId))
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
