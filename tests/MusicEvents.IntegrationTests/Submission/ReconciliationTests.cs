using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Submission;

/// <summary>Webhooks may never come: the ReconcileTasks timer polls MusicAPI and gives up in the end.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ReconciliationTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task With_every_webhook_dropped_tasks_still_reach_Stored_through_polling()
    {
        var extend = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+drop", 1, Length: 1);
        var replace = new ReplaceSectionCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+drop", 1, 2);

        await hosts.Events.Publisher.Publish(extend);
        await hosts.Events.Publisher.Publish(replace);

        foreach (var correlationId in new[] { extend.CorrelationId, replace.CorrelationId })
        {
            var stored = await hosts.Events.WaitForAsync<TrackStored>(correlationId, TimeSpan.FromSeconds(30));
            Assert.Equal(stored.Sha256, await Sha256.OfBlobAsync(hosts.Blobs, stored.BlobUri));
            Assert.DoesNotContain(hosts.Sandbox.Deliveries, d => d.CorrelationId == correlationId.ToString());
        }
    }

    [Fact]
    public async Task Polling_understands_the_older_answer_shape_too()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+drop+legacy", 1, Length: 1);

        await hosts.Events.Publisher.Publish(command);

        var completed = await hosts.Events.WaitForAsync<TrackCompleted>(command.CorrelationId, TimeSpan.FromSeconds(30));
        Assert.Equal(1.0, Assert.Single(completed.Clips).DurationSeconds);
        await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_task_that_never_finishes_ends_TimedOut_and_its_status_shows_why()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+never", 1, Length: 1);

        await hosts.Events.Publisher.Publish(command);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(command.CorrelationId, TimeSpan.FromSeconds(40));
        Assert.Equal(TrackFailureReason.TimedOut, failed.Reason);
        var status = await hosts.StatusAsync(command.CorrelationId);
        Assert.Equal("Failed", status.GetProperty("state").GetString());
        Assert.Equal("TimedOut", status.GetProperty("failure").GetProperty("reason").GetString());
        Assert.Equal(["Accepted", "Submitted", "Failed"], status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("state").GetString()));
    }
}
