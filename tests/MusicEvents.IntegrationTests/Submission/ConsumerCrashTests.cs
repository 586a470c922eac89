using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Submission;

[Collection(IntegrationCollection.Name)]
public sealed class ConsumerCrashTests(MusicEventsHosts hosts)
{
    /// <summary>
    /// A DevHost process is killed while its create call is in flight (MusicAPI has accepted and
    /// charged the task; the command is not acked). The broker hands the command to the restarted
    /// process, which finds the claim on the record and does not call MusicAPI again; MusicAPI's
    /// webhook, addressed by cid, still carries the task to Stored. It runs on a virtual host of its
    /// own so that the shared in-process DevHost cannot take the command instead.
    /// </summary>
    [Fact]
    public async Task A_consumer_killed_after_the_create_call_and_before_the_ack_leaves_exactly_one_create_after_redelivery()
    {
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("submit-crash");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = hosts.DevHostSettings(url, virtualHost.ConnectionString);
        settings["MusicApi:CreateTimeout"] = "00:02:00";
        await using var events = await EventObserver.StartAsync(virtualHost.ConnectionString);
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+hang60+delay8", 1, Length: 1);
        var cid = command.CorrelationId.ToString();

        await using (var doomed = await DevHostProcess.StartAsync(url, settings))
        {
            await events.Publisher.Publish(command);
            await WaitUntilAsync(() => hosts.Sandbox.Tasks.Any(t => t.CorrelationId == cid));
            await doomed.KillAsync();
        }

        await using var restarted = await DevHostProcess.StartAsync(url, settings);
        var stored = await events.WaitForAsync<TrackStored>(command.CorrelationId, TimeSpan.FromSeconds(60));

        Assert.Equal(hosts.Sandbox.Tasks.Single(t => t.CorrelationId == cid).Id, stored.TaskId);
        Assert.Single(hosts.Sandbox.Tasks, t => t.CorrelationId == cid);
        Assert.Single(hosts.Sandbox.Calls, c => c.CorrelationId == cid);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the sandbox never received the create call");
            await Task.Delay(50);
        }
    }
}
