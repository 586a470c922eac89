using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Tracking;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Scaling;

[Collection(IntegrationCollection.Name)]
public sealed class RetentionTests(MusicEventsHosts hosts)
{
    /// <summary>
    /// A DevHost on a storage of its own, retention one hour: its timer deletes what is older, and only
    /// that. A finished task's whole partition goes (its record, its request's reservation and a row
    /// kept beside them), read from the submission gate's list of finished tasks, whose rows go too.
    /// </summary>
    [Fact]
    public async Task The_timer_deletes_finished_task_records_older_than_their_retention_with_their_kept_deliveries_and_keeps_the_rest()
    {
        var storage = TestEnvironment.SpareStorage(5);
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("retention");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = hosts.DevHostSettings(url, virtualHost.ConnectionString);
        settings["AzureWebJobsStorage"] = storage;
        settings["Retention:FinishedTasks"] = "01:00:00";
        await using var devHost = await DevHostProcess.StartAsync(url, settings, keepSchedule: true);
        var tables = new TableServiceClient(storage);
        var kept = new TableKeptDeliveries(tables, new BlobServiceClient(storage));
        var store = new TableTrackTaskStore(tables, kept, new RecentTrackTasks(TimeProvider.System));
        var gate = new TableSubmissionGate(tables, Options.Create(new MusicApiOptions { BaseUrl = settings["MusicApi:BaseUrl"]!, ApiKey = settings["MusicApi:ApiKey"]! }));
        var now = DateTimeOffset.UtcNow;
        var old = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var recent = Enumerable.Range(0, 2).Select(_ => Guid.NewGuid()).ToList();

        // Beside one old record, before it is written (the timer is running): its reservation and a kept row.
        await store.ReserveAsync(old[0], "f", CancellationToken.None);
        await tables.GetTableClient(TableTrackTaskStore.TasksTable).AddEntityAsync(new TableEntity(old[0].ToString("D"), "webhook:kept"), CancellationToken.None);
        await SaveFinishedAsync(store, gate, now.AddDays(-2), old);
        await SaveFinishedAsync(store, gate, now.AddMinutes(-5), recent);
        var openSince = await store.SaveAsync(TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "f", now.AddDays(-2)), CancellationToken.None);
        var oldDelivery = await SaveFinishedWithDeliveryAsync(store, gate, now.AddDays(-2), new string('x', 40_000)); // its body in a blob
        var recentDelivery = await SaveFinishedWithDeliveryAsync(store, gate, now.AddMinutes(-5), "{}");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline
            && (await gate.ListFinishedAsync(now, CancellationToken.None).CountAsync() > recent.Count + 1
                || await kept.FindAsync(oldDelivery.WebhookId, oldDelivery.CorrelationId, CancellationToken.None) is not null))
        {
            await Task.Delay(250);
        }

        foreach (var id in old)
        {
            Assert.Null(await store.FindAsync(id, CancellationToken.None));
        }

        foreach (var id in recent.Append(openSince.CorrelationId))
        {
            Assert.NotNull(await store.FindAsync(id, CancellationToken.None));
        }

        var partition = tables.GetTableClient(TableTrackTaskStore.TasksTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {old[0].ToString("D")}"));
        Assert.False(await partition.AnyAsync(), "a row of a deleted task's partition was left");
        Assert.Equal(recent.Append(recentDelivery.CorrelationId).Order(), (await gate.ListFinishedAsync(now, CancellationToken.None).ToListAsync()).Select(f => f.CorrelationId).Order());
        Assert.Null(await store.FindAsync(oldDelivery.CorrelationId, CancellationToken.None));
        Assert.Null(await kept.FindAsync(oldDelivery.WebhookId, oldDelivery.CorrelationId, CancellationToken.None));
        Assert.NotNull(await kept.FindAsync(recentDelivery.WebhookId, recentDelivery.CorrelationId, CancellationToken.None));
        Assert.False(await new BlobServiceClient(storage).GetBlobContainerClient(TableKeptDeliveries.BodyContainer).GetBlobsAsync().AnyAsync(), "an old delivery's body blob was left");
    }

    /// <summary>Records finished at <paramref name="at"/>, each listed as finished first, as the committer does for a task that held no place.</summary>
    private static async Task SaveFinishedAsync(TableTrackTaskStore store, TableSubmissionGate gate, DateTimeOffset at, IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            var task = TrackTask.Accept(id, TrackOperation.Extend, "f", at).Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, at)!.Task;
            await gate.RecordFinishedAsync(task.CorrelationId, task.UpdatedAt, CancellationToken.None);
            await store.SaveAsync(task, CancellationToken.None);
        }
    }

    /// <summary>A finished task and the delivery whose report finished it, kept in the same write.</summary>
    private static async Task<WebhookDelivery> SaveFinishedWithDeliveryAsync(TableTrackTaskStore store, TableSubmissionGate gate, DateTimeOffset at, string body)
    {
        var task = TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "f", at).Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, at)!.Task;
        var delivery = new WebhookDelivery(Guid.NewGuid().ToString(), task.CorrelationId, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body), at);
        await gate.RecordFinishedAsync(task.CorrelationId, task.UpdatedAt, CancellationToken.None);
        await store.SaveAsync(task, delivery, CancellationToken.None);
        return delivery;
    }
}
