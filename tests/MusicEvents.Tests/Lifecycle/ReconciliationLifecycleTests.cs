using MusicEvents.Contracts;
using MusicEvents.Core.Reconciliation;
using MusicEvents.Core.Tracking;
using MusicEvents.Tests.MusicApi;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>The reconciler (which only polls and publishes) and the consumers of what it publishes.</summary>
public sealed class ReconciliationLifecycleTests
{
    private const string Success = """{"code":200,"status":"SUCCESS","data":[{"clip_id":"c-1","audio_url":"https://cdn.example/c-1.m4a"}]}""";

    [Fact]
    public async Task A_final_answer_found_by_polling_completes_the_task_and_its_event_arrives_after_the_first_publish_failed()
    {
        var failOnce = new FailFirstPublish<TrackCompleted>();
        await using var harness = await LifecycleHarness.StartAsync(new StubHandler(StubHandler.Status(200, Success)), failOnce);
        var task = await harness.PutClaimedAsync(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid(), UpdatedAt = harness.Clock.GetUtcNow() });
        harness.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(1, await harness.ReconcileAsync());

        Assert.Single(await harness.PublishedAsync<TrackCompleted>(task.CorrelationId));
        Assert.True(failOnce.HasFailed);
        Assert.Equal(TrackInputs.Poll("t-1"), harness.Store.Get(task.CorrelationId).History.Last(h => h.Input is not null).Input);
    }

    [Fact]
    public async Task A_task_polled_but_not_finished_is_left_alone_until_GiveUpAfter()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, """{"code":200,"status":"RUNNING","data":[]}"""));
        await using var harness = await LifecycleHarness.StartAsync(musicApi);
        await harness.PutClaimedAsync(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid(), CreatedAt = harness.Clock.GetUtcNow(), UpdatedAt = harness.Clock.GetUtcNow() });
        harness.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(0, await harness.ReconcileAsync());
        Assert.Equal(1, musicApi.Sent);
    }

    [Fact]
    public async Task A_submitted_task_past_GiveUpAfter_fails_as_TimedOut_and_its_event_arrives_after_the_first_publish_failed()
    {
        var failOnce = new FailFirstPublish<TrackFailed>();
        var musicApi = new StubHandler(StubHandler.Status(200, """{"code":200,"status":"RUNNING","data":[]}"""));
        await using var harness = await LifecycleHarness.StartAsync(musicApi, failOnce);
        var now = harness.Clock.GetUtcNow();
        var task = await harness.PutClaimedAsync(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid(), CreatedAt = now, UpdatedAt = now });
        harness.Clock.Advance(TimeSpan.FromHours(3));

        await harness.ReconcileAsync();

        var failed = Assert.Single(await harness.PublishedAsync<TrackFailed>(task.CorrelationId));
        Assert.True(failOnce.HasFailed);
        Assert.Equal(TrackFailureReason.TimedOut, failed.Reason);
    }

    [Fact]
    public async Task A_task_whose_create_call_never_answered_fails_as_SubmissionOutcomeUnknown()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var now = harness.Clock.GetUtcNow();
        var task = await harness.PutClaimedAsync(Tracking.Tasks.Claimed() with { CorrelationId = Guid.NewGuid(), CreatedAt = now, UpdatedAt = now });
        harness.Clock.Advance(TimeSpan.FromHours(3));

        await harness.ReconcileAsync();

        Assert.Equal(TrackFailureReason.SubmissionOutcomeUnknown, Assert.Single(await harness.PublishedAsync<TrackFailed>(task.CorrelationId)).Reason);
    }

    [Fact]
    public async Task An_overdue_verdict_for_a_task_that_moved_since_changes_nothing()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var seen = harness.Store.Put(Tracking.Tasks.Accepted() with { CorrelationId = Guid.NewGuid() });

        // The reconciler saw an older version: a claim (or a report) came in between.
        await harness.MassTransit.Bus.Publish(new TaskOverdue(seen.CorrelationId, seen.UpdatedAt.AddSeconds(-1)));
        await harness.MassTransit.Consumed.Any<TaskOverdue>();
        await harness.QuietAsync();

        Assert.Empty(harness.MassTransit.Published.Select<TrackFailed>());
        Assert.Equal(TrackTaskState.Accepted, harness.Store.Get(seen.CorrelationId).State);
    }

    [Fact]
    public async Task Success_delivered_after_giving_up_completes_the_task_and_its_audio_is_archived()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var now = harness.Clock.GetUtcNow();
        var task = await harness.PutClaimedAsync(Tracking.Tasks.Claimed() with { CorrelationId = Guid.NewGuid(), CreatedAt = now, UpdatedAt = now });
        harness.Clock.Advance(TimeSpan.FromHours(3));
        await harness.ReconcileAsync();
        await harness.PublishedAsync<TrackFailed>(task.CorrelationId);

        await harness.ReceiveAsync(Webhook.Completed(task.CorrelationId));

        Assert.Single(await harness.PublishedAsync<TrackCompleted>(task.CorrelationId));
        Assert.Single(await harness.PublishedAsync<TrackStored>(task.CorrelationId));
        Assert.Equal(TrackTaskState.Stored, harness.Store.Get(task.CorrelationId).State);
    }
}
