using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Scaling;

[Collection(IntegrationCollection.Name)]
public sealed class RetryAfterTests(MusicEventsHosts hosts)
{
    /// <summary>CreateTimeout is 3 s here: the 5 s MusicAPI asked for is waited out between calls, not inside one.</summary>
    [Fact]
    public async Task A_429_with_a_Retry_After_longer_than_CreateTimeout_ends_in_success_on_the_next_attempt()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+429+retry5", 1, Length: 1);

        await hosts.Events.Publisher.Publish(command);

        await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId, TimeSpan.FromSeconds(40));
        var calls = hosts.Sandbox.Calls.Where(c => c.CorrelationId == command.CorrelationId.ToString()).ToList();
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].Timestamp - calls[0].Timestamp >= TimeSpan.FromSeconds(4.9), $"sent again after {calls[1].Timestamp - calls[0].Timestamp}");
        Assert.DoesNotContain(hosts.Events.For(command.CorrelationId), e => e is TrackFailed);
        Assert.All(calls, c => Assert.NotNull(c.ContentLength));
    }
}
