using System.Text.Json;
using MassTransit.Serialization;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.Tests.Messaging;

public sealed class BusJsonTests
{
    private static readonly JsonSerializerOptions Options = BusJson.Configure(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options));

    [Fact]
    public void An_enum_is_written_as_its_name()
    {
        var failed = new TrackFailed(Guid.NewGuid(), "task-1", TrackFailureReason.TimedOut, "gave up", null, DateTimeOffset.UnixEpoch);

        var json = JsonSerializer.SerializeToElement(failed, Options);

        Assert.Equal("TimedOut", json.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("\"Rejected\"")]
    [InlineData("\"rejected\"")]
    [InlineData("1")]
    public void An_enum_is_read_from_its_name_or_from_its_number(string reason)
    {
        var json = $$"""{"correlationId":"{{Guid.NewGuid()}}","reason":{{reason}},"message":"no","failedAt":"2025-01-01T00:00:00Z"}""";

        var failed = JsonSerializer.Deserialize<TrackFailed>(json, Options)!;

        Assert.Equal(TrackFailureReason.Rejected, failed.Reason);
    }

    [Fact]
    public void Configuring_twice_adds_one_converter()
    {
        var options = BusJson.Configure(BusJson.Configure(new JsonSerializerOptions()));

        Assert.Single(options.Converters);
    }
}
