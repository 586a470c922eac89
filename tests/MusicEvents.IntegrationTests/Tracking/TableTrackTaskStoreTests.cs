using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MusicEvents.Contracts;
using MusicEvents.Core.Tracking;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Tracking;

/// <summary>The task store against Azurite: the versions it keeps in memory around a refused write.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TableTrackTaskStoreTests
{
    [Fact]
    public async Task A_write_refused_because_this_process_wrote_first_leaves_the_winner_in_memory_for_the_retry()
    {
        var store = await StoreAsync();
        var now = DateTimeOffset.UtcNow;
        var claimed = await store.SaveAsync(Claimed(now), CancellationToken.None);

        // Two consumers of this process change the same version: the submitter's outcome wins.
        var submitted = await store.SaveAsync(claimed.Submit("t-1", now)!.Task, CancellationToken.None);
        await Assert.ThrowsAsync<TrackTaskConflictException>(
            () => store.SaveAsync(claimed.Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, now)!.Task, CancellationToken.None));
        var retry = await store.FindToChangeAsync(claimed.CorrelationId, CancellationToken.None);

        Assert.True(retry.Remembered);
        Assert.Equal(submitted.ETag, retry.Task?.ETag);
        Assert.Equal(TrackTaskState.Submitted, retry.Task?.State);
    }

    [Fact]
    public async Task A_write_refused_at_the_version_in_memory_forgets_it_so_the_retry_reads_the_record()
    {
        var (here, elsewhere) = (await StoreAsync(), await StoreAsync());
        var now = DateTimeOffset.UtcNow;
        var claimed = await here.SaveAsync(Claimed(now), CancellationToken.None);

        // Another instance wrote since: the version this process holds is behind.
        var submitted = await elsewhere.SaveAsync(claimed.Submit("t-2", now)!.Task, CancellationToken.None);
        await Assert.ThrowsAsync<TrackTaskConflictException>(
            () => here.SaveAsync(claimed.Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, now)!.Task, CancellationToken.None));
        var retry = await here.FindToChangeAsync(claimed.CorrelationId, CancellationToken.None);

        Assert.False(retry.Remembered);
        Assert.Equal(submitted.ETag, retry.Task?.ETag);
    }

    /// <summary>A store as one process has it: its own versions in memory, the shared table.</summary>
    private static async Task<TableTrackTaskStore> StoreAsync()
    {
        var tables = new TableServiceClient(TestEnvironment.Storage);
        await tables.CreateTableIfNotExistsAsync(TableTrackTaskStore.TasksTable);
        return new TableTrackTaskStore(tables, new TableKeptDeliveries(tables, new BlobServiceClient(TestEnvironment.Storage)), new RecentTrackTasks(TimeProvider.System));
    }

    private static TrackTask Claimed(DateTimeOffset now) =>
        TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "fingerprint", now).Claim(now)!.Task;
}
