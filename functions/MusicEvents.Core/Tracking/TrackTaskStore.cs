using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Task records in Azure Table Storage: one entity per correlation id, written only against the
/// ETag it was read at, and an index entity per MusicAPI task id.
/// </summary>
public sealed class TrackTaskStore(TableServiceClient tables)
{
    public const string TasksTable = "TrackTasks";
    public const string TaskIdsTable = "TrackTaskIds";
    private const string RowKey = "task";

    private TableClient Tasks => tables.GetTableClient(TasksTable);
    private TableClient TaskIds => tables.GetTableClient(TaskIdsTable);

    public async Task<TrackTask?> FindAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        var entity = await Tasks.GetEntityIfExistsAsync<TableEntity>(Key(correlationId), RowKey, cancellationToken: cancellationToken);
        return entity.HasValue ? TrackTaskEntity.Read(entity.Value!) : null;
    }

    /// <summary>Adds the record unless one exists; false when it does.</summary>
    public async Task<bool> TryAddAsync(TrackTask task, CancellationToken cancellationToken)
    {
        try
        {
            await Tasks.AddEntityAsync(TrackTaskEntity.Write(task), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current record and writes it against its ETag,
    /// reading again when someone else wrote first. A change that returns null writes nothing.
    /// </summary>
    public Task<TrackTask?> UpdateAsync(Guid correlationId, Func<TrackTask, TrackTask?> change, CancellationToken cancellationToken) =>
        UpdateAsync(correlationId, null, change, cancellationToken);

    /// <summary>
    /// As the other overload, starting from a version the caller has just read or written (saving
    /// a read when nobody wrote since); a stale one costs only the usual re-read.
    /// </summary>
    public Task<TrackTask?> UpdateAsync(TrackTask known, Func<TrackTask, TrackTask?> change, CancellationToken cancellationToken) =>
        UpdateAsync(known.CorrelationId, known.ETag is null ? null : known, change, cancellationToken);

    private async Task<TrackTask?> UpdateAsync(Guid correlationId, TrackTask? known, Func<TrackTask, TrackTask?> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = known ?? await FindAsync(correlationId, cancellationToken);
            known = null;
            if (current is null || change(current) is not { } changed)
            {
                return null;
            }

            try
            {
                var response = await Tasks.UpdateEntityAsync(TrackTaskEntity.Write(changed), new ETag(current.ETag!), TableUpdateMode.Replace, cancellationToken);
                return changed with { ETag = response.Headers.ETag?.ToString() };
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Someone else wrote first: read their version and decide again.
            }
        }
    }

    public async Task IndexTaskIdAsync(string taskId, Guid correlationId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(taskId, RowKey) { ["CorrelationId"] = correlationId };
        await TaskIds.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<Guid?> FindCorrelationIdAsync(string taskId, CancellationToken cancellationToken)
    {
        var entity = await TaskIds.GetEntityIfExistsAsync<TableEntity>(taskId, RowKey, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value!.GetGuid("CorrelationId") : null;
    }

    /// <summary>Records in <paramref name="state"/> not changed since <paramref name="updatedBefore"/>.</summary>
    public async IAsyncEnumerable<TrackTask> ListStaleAsync(
        TrackTaskState state, DateTimeOffset updatedBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"State eq {state.ToString()} and UpdatedAt lt {updatedBefore}");
        await foreach (var entity in Tasks.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return TrackTaskEntity.Read(entity);
        }
    }

    /// <summary>Records decided by a report whose event was not published, untouched since <paramref name="updatedBefore"/>.</summary>
    public async IAsyncEnumerable<TrackTask> ListUnpublishedAsync(DateTimeOffset updatedBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"EventPending eq {true} and UpdatedAt lt {updatedBefore}");
        await foreach (var entity in Tasks.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return TrackTaskEntity.Read(entity);
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
            ["FinalEventId"] = task.FinalEventId,
            ["EventPending"] = task.EventPending,
            ["EventLeasedUntil"] = task.EventLeasedUntil,
            ["Clips"] = JsonSerializer.Serialize(task.Clips),
            ["FailureReason"] = task.FailureReason?.ToString(),
            ["FailureMessage"] = task.FailureMessage,
            ["CreditsRefunded"] = task.CreditsRefunded,
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
            FinalEventId = entity.GetString("FinalEventId"),
            EventPending = entity.GetBoolean("EventPending") ?? false,
            EventLeasedUntil = entity.GetDateTimeOffset("EventLeasedUntil"),
            Clips = JsonSerializer.Deserialize<List<TrackClipRecord>>(entity.GetString("Clips") ?? "[]") ?? [],
            FailureReason = entity.GetString("FailureReason") is { } reason ? Enum.Parse<TrackFailureReason>(reason) : null,
            FailureMessage = entity.GetString("FailureMessage"),
            CreditsRefunded = entity.GetBoolean("CreditsRefunded"),
            History = JsonSerializer.Deserialize<List<TrackHistoryEntry>>(entity.GetString("History") ?? "[]") ?? [],
            ETag = entity.ETag.ToString(),
        };
    }
}
