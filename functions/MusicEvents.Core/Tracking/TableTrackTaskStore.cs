using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>Task records in Azure Table Storage: one entity per correlation id, written against its ETag.</summary>
public sealed class TableTrackTaskStore(TableServiceClient tables) : ITrackTaskStore
{
    public const string TasksTable = "TrackTasks";
    private const string RowKey = "task";

    // The reservation of an id by an HTTP request: in the task's partition, another row.
    private const string ReservationRowKey = "request";

    private TableClient Tasks => tables.GetTableClient(TasksTable);

    public async Task<TrackTask?> FindAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        var entity = await Tasks.GetEntityIfExistsAsync<TableEntity>(Key(correlationId), RowKey, cancellationToken: cancellationToken);
        return entity.HasValue ? TrackTaskEntity.Read(entity.Value!) : null;
    }

    public async Task<TrackTask> SaveAsync(TrackTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            var entity = TrackTaskEntity.Write(task);
            var response = task.ETag is null
                ? await Tasks.AddEntityAsync(entity, cancellationToken)
                : await Tasks.UpdateEntityAsync(entity, new ETag(task.ETag), TableUpdateMode.Replace, cancellationToken);
            return task with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            throw TrackTaskConflictException.For(task.CorrelationId, exception);
        }
    }

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

    public async IAsyncEnumerable<TrackTask> ListStaleAsync(
        TrackTaskState state, DateTimeOffset updatedBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RowKey} and State eq {state.ToString()} and UpdatedAt lt {updatedBefore}");
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
