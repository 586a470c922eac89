using MusicEvents.Contracts;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>The archive consumer on the test harness: each clip its own outcome, nothing committed left unannounced.</summary>
public sealed class ArchiveLifecycleTests
{
    private static readonly CompletedClip First = new("c-1", "https://cdn.example/c-1.m4a");
    private static readonly CompletedClip Second = new("c-2", "https://cdn.example/c-2.m4a");

    [Fact]
    public async Task Every_stored_clip_is_announced_and_recorded_after_the_first_publish_failed()
    {
        var failOnce = new FailFirstPublish<TrackStored>();
        await using var harness = await LifecycleHarness.StartAsync(publishFilters: failOnce);
        var completed = await CompletedAsync(harness, First, Second);

        await harness.MassTransit.Bus.Publish(completed);

        var stored = await harness.PublishedAsync<TrackStored>(completed.CorrelationId, atLeast: 2);
        Assert.True(failOnce.HasFailed);
        Assert.Equal(["c-1", "c-2"], stored.Select(s => s.ClipId).Order());
        var task = harness.Store.Get(completed.CorrelationId);
        Assert.Equal(TrackTaskState.Stored, task.State);
        Assert.All(task.Clips, c => Assert.Equal(FakeClipArchiver.Stored(completed.CorrelationId, "t-1", c.ClipId).BlobUri, c.BlobUri));
    }

    [Fact]
    public async Task A_refused_clip_fails_the_task_naming_it_after_the_other_clip_is_stored_and_announced()
    {
        var failOnce = new FailFirstPublish<TrackFailed>();
        await using var harness = await LifecycleHarness.StartAsync(publishFilters: failOnce);
        harness.Archiver.Refused.Add("c-1");
        var completed = await CompletedAsync(harness, First, Second);

        await harness.MassTransit.Bus.Publish(completed);

        var failed = Assert.Single(await harness.PublishedAsync<TrackFailed>(completed.CorrelationId));
        Assert.True(failOnce.HasFailed);
        Assert.Equal(TrackFailureReason.StorageFailed, failed.Reason);
        Assert.Equal("Clip c-1: refused by the content-type rule: the answer is text/html, not audio", failed.Message);
        Assert.Contains("c-2", (await harness.PublishedAsync<TrackStored>(completed.CorrelationId)).Select(s => s.ClipId));
        var task = harness.Store.Get(completed.CorrelationId);
        Assert.Equal(TrackTaskState.Failed, task.State);
        Assert.Equal([false, true], task.Clips.Select(c => c.IsStored));
    }

    [Fact]
    public async Task A_TrackCompleted_redelivered_after_the_task_was_stored_announces_the_same_blobs_again()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var completed = await CompletedAsync(harness, First);
        await harness.MassTransit.Bus.Publish(completed);
        var first = Assert.Single(await harness.PublishedAsync<TrackStored>(completed.CorrelationId));
        var saves = harness.Store.Saves;

        await harness.MassTransit.Bus.Publish(completed);

        var both = await harness.PublishedAsync<TrackStored>(completed.CorrelationId, atLeast: 2);
        Assert.All(both, s => Assert.Equal(first, s));
        Assert.Equal(saves, harness.Store.Saves);
    }

    [Fact]
    public async Task A_TrackCompleted_from_another_publisher_is_archived_and_recorded()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var completed = new TrackCompleted(Guid.NewGuid(), "t-ext", TrackOperation.ReplaceSection, [First], harness.Clock.GetUtcNow());

        await harness.MassTransit.Bus.Publish(completed);

        Assert.Single(await harness.PublishedAsync<TrackStored>(completed.CorrelationId));
        var task = harness.Store.Get(completed.CorrelationId);
        Assert.Equal((TrackTaskState.Stored, TrackOperation.ReplaceSection, "t-ext"), (task.State, task.Operation, task.TaskId));
    }

    /// <summary>A Completed task in the store, and its TrackCompleted as the report consumer published it.</summary>
    [Fact]
    public async Task A_clip_is_stored_although_the_version_this_process_kept_is_from_before_the_task_completed()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var completed = await CompletedAsync(harness, First);
        harness.Store.RememberOlder(Tracking.Tasks.Submitted() with { CorrelationId = completed.CorrelationId, ETag = "written-by-another-instance-before" });

        await harness.MassTransit.Bus.Publish(completed);

        Assert.Single(await harness.PublishedAsync<TrackStored>(completed.CorrelationId));
        Assert.Equal(TrackTaskState.Stored, harness.Store.Get(completed.CorrelationId).State);
    }

    private static async Task<TrackCompleted> CompletedAsync(LifecycleHarness harness, params CompletedClip[] clips)
    {
        var submitted = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        var change = submitted.Complete(TrackInputs.Webhook("w-1"), "t-1", clips, harness.Clock.GetUtcNow())!;
        await harness.Store.SaveAsync(change.Task, CancellationToken.None);
        return Assert.IsType<TrackCompleted>(Assert.Single(change.Events));
    }
}
