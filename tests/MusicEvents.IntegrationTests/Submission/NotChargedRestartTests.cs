using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Submission;

[Collection(IntegrationCollection.Name)]
public sealed class NotChargedRestartTests(MusicEventsHosts hosts)
{
    /// <summary>
    /// MusicAPI answers the create call 503 with Retry-After 10 s: nothing was charged. The DevHost
    /// process is killed during the wait and started again: the redelivered command sends the request
    /// once more (it was recorded as not charged before the wait) and the task is stored, rather than
    /// failed as SubmissionOutcomeUnknown for a claim that never reached MusicAPI.
    /// </summary>
    [Fact]
    public async Task A_process_killed_while_waiting_after_a_503_sends_the_request_again_after_its_restart()
    {
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("not-charged-restart");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = hosts.DevHostSettings(url, virtualHost.ConnectionString);
        await using var events = await EventObserver.StartAsync(virtualHost.ConnectionString);
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+503+retry10", 1, Length: 1);

        await using (var doomed = await DevHostProcess.StartAsync(url, settings))
        {
            await events.Publisher.Publish(command);
            var waiting = await WaitingStatus.OfAsync(url, command.CorrelationId, TimeSpan.FromSeconds(30));
            Assert.Equal("RetryAfter", waiting.GetProperty("reason").GetString());
            await doomed.KillAsync();
        }

        await using var restarted = await DevHostProcess.StartAsync(url, settings);
        await events.WaitForAsync<TrackStored>(command.CorrelationId, TimeSpan.FromSeconds(60));

        var calls = hosts.Sandbox.Calls.Where(c => c.CorrelationId == command.CorrelationId.ToString()).ToList();
        Assert.Equal([503, 200], calls.Select(c => c.Status));
        Assert.DoesNotContain(events.For(command.CorrelationId), e => e is TrackFailed);
    }
}
