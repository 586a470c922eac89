using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Submission;

/// <summary>Each row of musicapi.md's error table, answered by the sandbox, ends in its reason.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class MusicApiErrorTests(MusicEventsHosts hosts)
{
    [Theory]
    [InlineData("400", TrackFailureReason.Rejected, "clip not found")]
    [InlineData("401", TrackFailureReason.Unauthorized, "Authorization")]
    [InlineData("403credits", TrackFailureReason.InsufficientCredits, "Insufficient credits")]
    [InlineData("403moderation", TrackFailureReason.Rejected, "flagged by moderation: \"burn it all down\"")]
    [InlineData("410", TrackFailureReason.Rejected, "retired")]
    [InlineData("504", TrackFailureReason.ProviderFailed, "Credits were previously refunded")]
    public async Task A_permanent_answer_fails_the_task_with_its_reason_and_MusicAPIs_message(string token, TrackFailureReason reason, string message)
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+{token}", 1, Length: 1);

        await hosts.Events.Publisher.Publish(command);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(command.CorrelationId);
        Assert.Equal(reason, failed.Reason);
        Assert.Contains(message, failed.Message);
        Assert.Equal(token == "504" ? true : null, failed.CreditsRefunded);
        Assert.Single(hosts.Sandbox.Calls, c => c.CorrelationId == command.CorrelationId.ToString());
    }

    [Theory]
    [InlineData("429")]
    [InlineData("500")]
    [InlineData("503")]
    public async Task A_transient_answer_is_retried_and_the_task_is_submitted_once(string token)
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+{token}", 1, Length: 1);

        await hosts.Events.Publisher.Publish(command);

        await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId);
        var calls = hosts.Sandbox.Calls.Where(c => c.CorrelationId == command.CorrelationId.ToString()).ToList();
        Assert.Equal([int.Parse(token, System.Globalization.CultureInfo.InvariantCulture), 200], calls.Select(c => c.Status));
        Assert.Single(hosts.Sandbox.Tasks, t => t.CorrelationId == command.CorrelationId.ToString());
    }

    [Fact]
    public async Task A_create_call_that_times_out_after_sending_fails_as_SubmissionOutcomeUnknown_and_is_not_resent()
    {
        // The sandbox accepts and charges the task but answers after 6 s; MusicEvents gives up after 3 s.
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+hang6+never", 1, Length: 1);

        await hosts.Events.Publisher.Publish(command);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(command.CorrelationId);
        Assert.Equal(TrackFailureReason.SubmissionOutcomeUnknown, failed.Reason);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(hosts.Sandbox.Tasks, t => t.CorrelationId == command.CorrelationId.ToString());
    }
}
