using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MusicEvents.Contracts;
using MusicEvents.Core.Tracking;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Scaling;

[Collection(IntegrationCollection.Name)]
public sealed class RetentionTests(MusicEventsHosts hosts)
{
    /// <summary>A DevHost on a storage of its own, retention one hour: its timer deletes what is older, and only that.</summary>
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
        var store = new TableTrackTaskStore(tables, kept, new RecentTrackTasks(TimeProvider.System), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var old = await SaveFinishedAsync(store, now.AddDays(-2), 5);
        var recent = await SaveFinishedAsync(store, now.AddMinutes(-5), 2);
        var openSince = await store.SaveAsync(TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "f", now.AddDays(-2)), CancellationToken.None);
        var oldDelivery = await SaveFinishedWithDeliveryAsync(store, now.AddDays(-2), new string('x', 40_000)); // its body in a blob
        var recentDelivery = await SaveFinishedWithDeliveryAsync(store, now.AddMinutes(-5), "{}");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        async Task<bool> AnyOldLeftAsync()
        {
            foreach (var id in old.Append(oldDelivery.CorrelationId))
            {
                if (await store.FindAsync(id, CancellationToken.None) is not null)
                {
                    return true;
                }
            }

            return await kept.FindAsync(oldDelivery.WebhookId, oldDelivery.CorrelationId, CancellationToken.None) is not null;
        }

        while (DateTime.UtcNow < deadline && await AnyOldLeftAsync())
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

        Assert.Null(await store.FindAsync(oldDelivery.CorrelationId, CancellationToken.None));
        Assert.Null(await kept.FindAsync(oldDelivery.WebhookId, oldDelivery.CorrelationId, CancellationToken.None));
        Assert.NotNull(await kept.FindAsync(recentDelivery.WebhookId, recentDelivery.CorrelationId, CancellationToken.None));
        Assert.False(await new BlobServiceClient(storage).GetBlobContainerClient(TableKeptDeliveries.BodyContainer).GetBlobsAsync().AnyAsync(), "an old delivery's body blob was left");
    }

    private static async Task<List<Guid>> SaveFinishedAsync(TableTrackTaskStore store, DateTimeOffset at, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var task = TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "f", at).Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, at)!.Task;
            await store.SaveAsync(task, CancellationToken.None);
            ids.Add(task.CorrelationId);
        }

        return ids;
    }

    /// <summary>A finished task and the delivery whose report finished it, kept in the same write.</summary>
    private static async Task<WebhookDelivery> SaveFinishedWithDeliveryAsync(TableTrackTaskStore store, DateTimeOffset at, string body)
    {
        var task = TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "f", at).Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, at)!.Task;
        var delivery = new WebhookDelivery(Guid.NewGuid().ToString(), task.CorrelationId, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(body), at);
        await store.SaveAsync(task, delivery, CancellationToken.None);
        return delivery;
    }
}
