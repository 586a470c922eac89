using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Two indexes beside the task records, so that the timer never scans the history. Open tasks:
/// table <see cref="OpenTable"/>, a partition per hour of creation, a row per correlation id. Finished
/// tasks, for retention: table <see cref="FinishedTable"/>, a partition per hour of finishing.
/// Azure Tables' transactions hold one partition, and these are not the record's (its partition is
/// its correlation id), so the indexes are kept idempotently rather than in the record's write: a row
/// is written before the record it lists (an open task is never missing from the open index, a
/// finished one never from the finished index), the open row is removed after the write that
/// finishes the task, and a row a crash left behind is removed by whoever next finds that the task
/// no longer belongs there (the reconciler, the retention sweep).
/// </summary>
internal sealed class TrackTaskIndexes(TableServiceClient tables)
{
    public const string OpenTable = "TrackTasksOpen";
    public const string FinishedTable = "TrackTasksFinished";

    // An open row whose record is missing may be a record about to be inserted: kept this long.
    private static readonly TimeSpan InsertGrace = TimeSpan.FromMinutes(5);

    private TableClient Open => tables.GetTableClient(OpenTable);
    private TableClient Finished => tables.GetTableClient(FinishedTable);

    public Task OpenedAsync(TrackTask task, CancellationToken cancellationToken) =>
        Open.UpsertEntityAsync(
            new TableEntity(Hour(task.CreatedAt), Row(task.CorrelationId)) { ["CreatedAt"] = task.CreatedAt }, TableUpdateMode.Replace, cancellationToken);

    public Task FinishingAsync(TrackTask task, CancellationToken cancellationToken) =>
        Finished.UpsertEntityAsync(
            new TableEntity(Hour(task.UpdatedAt), Row(task.CorrelationId)) { ["FinishedAt"] = task.UpdatedAt }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>After the write that finished the task: its open row goes (a failure here is mended by the reconciler).</summary>
    public async Task ClosedAsync(TrackTask task, CancellationToken cancellationToken)
    {
        try
        {
            await Open.DeleteEntityAsync(Hour(task.CreatedAt), Row(task.CorrelationId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException)
        {
            // Left for the reconciler, which removes rows of tasks no longer open.
        }
    }

    /// <summary>The open rows of tasks created before <paramref name="createdBefore"/>, with their records.</summary>
    public async IAsyncEnumerable<TrackTask> ListOpenAsync(
        Func<Guid, CancellationToken, Task<TrackTask?>> find, DateTimeOffset createdBefore, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Hour(createdBefore)} and CreatedAt lt {createdBefore}");
        await foreach (var row in Open.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Timestamp", "CreatedAt"], cancellationToken: cancellationToken))
        {
            var task = await find(Guid.Parse(row.RowKey), cancellationToken);
            if (task is { IsOpen: true })
            {
                yield return task;
                continue;
            }

            if (task is not null || time.GetUtcNow() - row.Timestamp > InsertGrace)
            {
                // Finished since (its write's own removal failed), or never written: the row goes.
                if (task is not null)
                {
                    await FinishingAsync(task, cancellationToken);
                }

                await Open.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
        }
    }

    /// <summary>Finished rows before <paramref name="finishedBefore"/>, oldest hours first.</summary>
    public IAsyncEnumerable<TableEntity> ListFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        Finished.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey le {Hour(finishedBefore)} and FinishedAt lt {finishedBefore}"),
            select: ["PartitionKey", "RowKey", "FinishedAt"],
            cancellationToken: cancellationToken);

    public async Task ForgetFinishedAsync(TableEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await Finished.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
    }

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string Row(Guid correlationId) => correlationId.ToString("D");
}
