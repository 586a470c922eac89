using System.Text.Json;
using MusicEvents.Contracts;

namespace MusicEvents.Tests.Contracts;

/// <summary>A .NET subscriber that configures nothing (System.Text.Json's defaults) agrees with the wire: names, numbers still read.</summary>
public sealed class ContractEnumTests
{
    [Fact]
    public void With_default_options_an_enum_is_written_as_its_name()
    {
        var submitted = new TrackSubmitted(Guid.NewGuid(), "task-1", TrackOperation.ReplaceSection, DateTimeOffset.UnixEpoch);

        var json = JsonSerializer.SerializeToElement(submitted);

        Assert.Equal("ReplaceSection", json.GetProperty("Operation").GetString());
    }

    [Theory]
    [InlineData("\"SubmissionOutcomeUnknown\"")]
    [InlineData("6")]
    public void With_default_options_an_enum_is_read_from_its_name_or_number(string reason)
    {
        var json = $$"""{"CorrelationId":"{{Guid.NewGuid()}}","Reason":{{reason}},"Message":"m","FailedAt":"2025-01-01T00:00:00Z"}""";

        Assert.Equal(TrackFailureReason.SubmissionOutcomeUnknown, JsonSerializer.Deserialize<TrackFailed>(json)!.Reason);
    }
}
