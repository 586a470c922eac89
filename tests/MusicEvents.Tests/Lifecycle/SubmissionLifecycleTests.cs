using MusicEvents.Contracts;
using MusicEvents.Core.Tracking;
using MusicEvents.Tests.MusicApi;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>The submission consumers on the test harness: one paid call at most, every outcome announced.</summary>
public sealed class SubmissionLifecycleTests
{
    private static ExtendTrackCommand Command() => new(Guid.NewGuid(), "clip-1", 30.5, Length: 20);

    [Fact]
    public async Task An_accepted_command_is_sent_once_and_its_TrackSubmitted_arrives_after_the_first_publish_failed()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, """{"message":"success","task_id":"t-42"}"""));
        var failOnce = new FailFirstPublish<TrackSubmitted>();
        await using var harness = await LifecycleHarness.StartAsync(musicApi, failOnce);
        var command = Command();

        await harness.MassTransit.Bus.Publish(command);

        var submitted = Assert.Single(await harness.PublishedAsync<TrackSubmitted>(command.CorrelationId));
        Assert.True(failOnce.HasFailed);
        Assert.Equal(("t-42", TrackOperation.Extend), (submitted.TaskId, submitted.Operation));
        Assert.Equal(1, musicApi.Sent);
        Assert.Equal(TrackTaskState.Submitted, harness.Store.Get(command.CorrelationId).State);
    }

    [Fact]
    public async Task A_refused_command_fails_once_and_its_TrackFailed_arrives_after_the_first_publish_failed()
    {
        var musicApi = new StubHandler(StubHandler.Status(400, """{"code":400,"message":"clip not found"}"""));
        var failOnce = new FailFirstPublish<TrackFailed>();
        await using var harness = await LifecycleHarness.StartAsync(musicApi, failOnce);
        var command = Command();

        await harness.MassTransit.Bus.Publish(command);

        var failed = Assert.Single(await harness.PublishedAsync<TrackFailed>(command.CorrelationId));
        Assert.True(failOnce.HasFailed);
        Assert.Equal((TrackFailureReason.Rejected, "clip not found"), (failed.Reason, failed.Message));
        Assert.Equal(1, musicApi.Sent);
        Assert.Empty(harness.MassTransit.Published.Select<TrackSubmitted>());
    }

    [Fact]
    public async Task An_invalid_command_fails_as_InvalidRequest_and_MusicAPI_is_never_called()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, """{"task_id":"t-1"}"""));
        var failOnce = new FailFirstPublish<TrackFailed>();
        await using var harness = await LifecycleHarness.StartAsync(musicApi, failOnce);
        var command = Command() with { StartsAt = -1 };

        await harness.MassTransit.Bus.Publish(command);

        var failed = Assert.Single(await harness.PublishedAsync<TrackFailed>(command.CorrelationId));
        Assert.Equal(TrackFailureReason.InvalidRequest, failed.Reason);
        Assert.Equal(0, musicApi.Sent);
        Assert.Equal(TrackTaskState.Failed, harness.Store.Get(command.CorrelationId).State);
    }

    [Fact]
    public async Task The_same_command_twice_is_sent_to_MusicAPI_once()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, """{"task_id":"t-7"}"""));
        await using var harness = await LifecycleHarness.StartAsync(musicApi);
        var command = Command();

        await harness.MassTransit.Bus.Publish(command);
        await harness.PublishedAsync<TrackSubmitted>(command.CorrelationId);
        await harness.MassTransit.Bus.Publish(command);
        await harness.PublishedAsync<TrackSubmitted>(command.CorrelationId, atLeast: 2);

        Assert.Equal(1, musicApi.Sent);
        Assert.All(harness.MassTransit.Published.Select<TrackSubmitted>(), m => Assert.Equal("t-7", m.Context.Message.TaskId));
    }

    [Fact]
    public async Task A_command_reusing_another_requests_correlation_id_is_not_sent_and_fails_nothing()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, """{"task_id":"t-8"}"""));
        await using var harness = await LifecycleHarness.StartAsync(musicApi);
        var command = Command();
        await harness.MassTransit.Bus.Publish(command);
        await harness.PublishedAsync<TrackSubmitted>(command.CorrelationId);

        await harness.MassTransit.Bus.Publish(command with { ClipId = "another-clip" });
        await harness.MassTransit.Consumed.Any<ExtendTrackCommand>(m => m.Context.Message.ClipId == "another-clip");
        await harness.QuietAsync();

        Assert.Equal(1, musicApi.Sent);
        Assert.Empty(harness.MassTransit.Published.Select<TrackFailed>());
        Assert.Equal(TrackTaskState.Submitted, harness.Store.Get(command.CorrelationId).State);
    }
}
