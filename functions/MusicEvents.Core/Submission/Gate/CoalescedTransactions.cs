using Azure.Data.Tables;

namespace MusicEvents.Core.Submission.Gate;

/// <summary>
/// Writes to one partition, sent as entity-group transactions one at a time, each carrying every
/// write waiting when it leaves (up to the 100 operations a transaction may hold): under load many
/// tasks' releases share one request, and alone a write goes at once, waiting only for a transaction
/// already on its way. No timer and no delay: a write is never held back to wait for company. Each
/// caller gets its own answer: a write one of whose operations is refused (404, 409, 412: its place
/// is gone, its row exists) is answered false and the others of its transaction go again without
/// it, since a refused operation fails the whole transaction; any other failure fails them all.
/// </summary>
internal sealed class CoalescedTransactions(TableClient table)
{
    private const int MaxOperations = 100;
    private readonly Lock queueLock = new();
    private readonly Queue<Pending> queue = new();

    // Who sends the next transaction: a caller whose write is still waiting when it gets this.
    private readonly SemaphoreSlim sender = new(1, 1);

    /// <returns>True when the write is stored, false when one of its own operations was refused.</returns>
    public async Task<bool> SubmitAsync(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentOutOfRangeException.ThrowIfZero(actions.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(actions.Count, MaxOperations);
        var pending = new Pending(actions);
        lock (queueLock)
        {
            queue.Enqueue(pending);
        }

        // Not the caller's token: the write follows one already made (a task's final state), and a
        // write left in the queue would wait for the next caller to send it.
        while (!pending.Answer.Task.IsCompleted)
        {
            await sender.WaitAsync(CancellationToken.None);
            try
            {
                if (!pending.Answer.Task.IsCompleted)
                {
                    await SendNextAsync();
                }
            }
            finally
            {
                sender.Release();
            }
        }

        return await pending.Answer.Task;
    }

    private async Task SendNextAsync()
    {
        var batch = Take();
        while (batch.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(batch.SelectMany(p => p.Actions), CancellationToken.None);
                batch.ForEach(p => p.Answer.TrySetResult(true));
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412 && exception.FailedTransactionActionIndex is { } index)
            {
                var refused = OwnerOf(batch, index);
                refused.Answer.TrySetResult(false);
                batch.Remove(refused);
            }
            catch (Exception exception)
            {
                batch.ForEach(p => p.Answer.TrySetException(exception));
                return;
            }
        }
    }

    /// <summary>The writes waiting, oldest first, up to the limit and without two writes of one row (a transaction refuses that).</summary>
    private List<Pending> Take()
    {
        var batch = new List<Pending>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var operations = 0;
        lock (queueLock)
        {
            while (queue.TryPeek(out var next)
                && operations + next.Actions.Count <= MaxOperations
                && next.Actions.All(a => !rows.Contains(a.Entity.RowKey)))
            {
                queue.Dequeue();
                batch.Add(next);
                operations += next.Actions.Count;
                rows.UnionWith(next.Actions.Select(a => a.Entity.RowKey));
            }
        }

        return batch;
    }

    private static Pending OwnerOf(List<Pending> batch, int index)
    {
        foreach (var pending in batch)
        {
            if (index < pending.Actions.Count)
            {
                return pending;
            }

            index -= pending.Actions.Count;
        }

        return batch[^1];
    }

    private sealed class Pending(IReadOnlyList<TableTransactionAction> actions)
    {
        public IReadOnlyList<TableTransactionAction> Actions { get; } = actions;

        // Answered from the sender's loop: the caller's continuation must not run inside it.
        public TaskCompletionSource<bool> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
