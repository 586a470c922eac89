using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Interop;

/// <summary>What a service in another language reads off the wire: enum names, not numbers.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class WireFormatTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task Events_carry_enum_names_that_a_raw_JSON_subscriber_reads_as_strings()
    {
        await using var subscriber = await RawJsonSubscriber.StartAsync(TestEnvironment.RabbitMq);
        var stored = Guid.NewGuid();
        var refused = Guid.NewGuid();
        await PostExtendAsync(new { correlationId = stored, clipId = $"clip-{stored:N}", startsAt = 1.5, length = 1 });

        // Valid here, refused by MusicAPI (the sandbox's 400 knob): a TrackFailed with its reason.
        await PostExtendAsync(new { correlationId = refused, clipId = $"clip-{refused:N}+400", startsAt = 1.5, length = 1 });

        var submitted = await subscriber.WaitForAsync("TrackSubmitted", stored);
        var completed = await subscriber.WaitForAsync("TrackCompleted", stored);
        var failed = await subscriber.WaitForAsync("TrackFailed", refused);

        Assert.Equal(JsonValueKind.String, submitted.GetProperty("operation").ValueKind);
        Assert.Equal("Extend", submitted.GetProperty("operation").GetString());
        Assert.Equal("Extend", completed.GetProperty("operation").GetString());
        Assert.Equal(JsonValueKind.String, failed.GetProperty("reason").ValueKind);
        Assert.Equal("Rejected", failed.GetProperty("reason").GetString());
    }

    private async Task PostExtendAsync(object body)
    {
        using var response = await hosts.Http.PostAsJsonAsync(hosts.DevHostRoute("/api/tracks/extend"), body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
