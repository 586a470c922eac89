using MusicEvents.Contracts;
using MusicEvents.Core.Submission;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Tracking;
using MusicEvents.Tests.MusicApi;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>
/// The gate's places as the open tasks the timer reads (what a crash left behind freed), and its
/// list of finished tasks, written with each release, that retention reads.
/// </summary>
public sealed class OpenAndFinishedTasksLifecycleTests
{
    private const string Accepted = """{"message":"success","task_id":"t-1"}""";

    [Fact]
    public async Task A_task_finished_by_its_webhook_gives_its_place_back_and_is_listed_as_finished_at_its_final_write()
    {
        await using var harness = await LifecycleHarness.StartAsync(new StubHandler(StubHandler.Status(200, Accepted)));
        var command = new ExtendTrackCommand(Guid.NewGuid(), "clip-1", 30.5, Length: 20);
        await harness.MassTransit.Bus.Publish(command);
        await harness.PublishedAsync<TrackSubmitted>(command.CorrelationId);
        Assert.Equal(1, harness.Gate.Held);

        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        await harness.ReceiveAsync(Webhook.Completed(command.CorrelationId));
        await harness.PublishedAsync<TrackStored>(command.CorrelationId);

        Assert.Equal(0, harness.Gate.Held);
        var completedAt = harness.Store.Get(command.CorrelationId).History.Single(h => h.State == TrackTaskState.Completed).At;
        Assert.Equal(new FinishedTask(command.CorrelationId, completedAt), Assert.Single(harness.Gate.Finished));
    }

    [Fact]
    public async Task An_invalid_command_is_listed_as_finished_without_ever_taking_a_place()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var command = new ExtendTrackCommand(Guid.NewGuid(), "", 30.5, Length: 20);

        await harness.MassTransit.Bus.Publish(command);
        await harness.PublishedAsync<TrackFailed>(command.CorrelationId);

        Assert.Equal(0, harness.Gate.PeakHeld);
        Assert.Equal(command.CorrelationId, Assert.Single(harness.Gate.Finished).CorrelationId);
    }

    [Fact]
    public async Task The_timer_frees_a_place_whose_task_finished_without_giving_it_back_and_lists_the_task_as_finished()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = await harness.PutClaimedAsync(Tracking.Tasks.Row("Failed (MusicAPI)") with { CorrelationId = Guid.NewGuid() });
        harness.Clock.Advance(TimeSpan.FromMinutes(2));

        await harness.ReconcileAsync();

        Assert.Equal(0, harness.Gate.Held);
        Assert.Equal(new FinishedTask(task.CorrelationId, task.UpdatedAt), Assert.Single(harness.Gate.Finished));
    }

    [Fact]
    public async Task A_place_whose_task_was_never_written_is_freed_by_the_timer_once_two_minutes_old()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        await harness.Gate.TryEnterAsync(Guid.NewGuid(), harness.Clock.GetUtcNow(), CancellationToken.None);

        harness.Clock.Advance(TimeSpan.FromSeconds(119));
        await harness.ReconcileAsync();
        Assert.Equal(1, harness.Gate.Held);

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await harness.ReconcileAsync();
        Assert.Equal(0, harness.Gate.Held);
        Assert.Empty(harness.Gate.Finished);
    }

    [Fact]
    public async Task A_place_whose_task_is_not_claimed_is_freed_by_the_timer_and_its_command_takes_one_again_when_it_comes()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, Accepted));
        await using var harness = await LifecycleHarness.StartAsync(musicApi);
        var command = new ExtendTrackCommand(Guid.NewGuid(), "clip-1", 30.5, Length: 20);

        // A crash between its place and its claim: the place is stored, the record is not claimed.
        await harness.Gate.TryEnterAsync(command.CorrelationId, harness.Clock.GetUtcNow(), CancellationToken.None);
        harness.Store.Put(Tracking.Tasks.Row("Accepted, waiting") with
        {
            CorrelationId = command.CorrelationId,
            RequestFingerprint = TrackRequest.From(command).Fingerprint,
        });
        harness.Clock.Advance(TimeSpan.FromMinutes(3));
        await harness.ReconcileAsync();
        Assert.Equal(0, harness.Gate.Held);

        await harness.MassTransit.Bus.Publish(command); // its redelivery
        await harness.PublishedAsync<TrackSubmitted>(command.CorrelationId);
        Assert.Equal(1, harness.Gate.Held);
        Assert.Equal(1, musicApi.Sent);
    }

    [Fact]
    public async Task A_command_that_comes_again_to_its_own_old_place_takes_it_anew_so_the_timer_does_not_free_it_under_its_claim()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var id = Guid.NewGuid();
        await harness.Gate.TryEnterAsync(id, harness.Clock.GetUtcNow(), CancellationToken.None);
        harness.Store.Put(Tracking.Tasks.Row("Accepted, waiting") with { CorrelationId = id });
        harness.Clock.Advance(TimeSpan.FromMinutes(3));

        Assert.IsType<GateDecision.Entered>(await harness.Gate.TryEnterAsync(id, harness.Clock.GetUtcNow(), CancellationToken.None));
        await harness.ReconcileAsync();

        Assert.Equal(1, harness.Gate.Held);
    }

    [Fact]
    public async Task Retention_deletes_tasks_finished_before_it_with_their_reservations_and_keeps_the_younger_and_those_changed_since()
    {
        await using var harness = await LifecycleHarness.StartAsync(null, new Dictionary<string, string?> { ["Retention:FinishedTasks"] = "1.00:00:00" }, null);
        var start = harness.Clock.GetUtcNow();
        var old = await FinishedAsync(harness, start);
        var storedLater = await FinishedAsync(harness, start, changedAt: start.AddHours(30));
        var young = await FinishedAsync(harness, start.AddHours(20));
        var open = harness.Store.Put(Tracking.Tasks.Row("Submitted") with { CorrelationId = Guid.NewGuid() });
        await harness.Gate.RecordFinishedAsync(open.CorrelationId, start, CancellationToken.None); // its final write then failed
        harness.Clock.Advance(TimeSpan.FromHours(31));

        await harness.ReconcileAsync();

        Assert.Null(await harness.Store.FindAsync(old, CancellationToken.None));
        Assert.False(harness.Store.IsReserved(old));
        Assert.All([storedLater, young, open.CorrelationId], id => Assert.NotNull(harness.Store.Get(id)));
        Assert.True(harness.Store.IsReserved(young));
        Assert.Equal(
            [new FinishedTask(young, start.AddHours(20)), new FinishedTask(storedLater, start.AddHours(30))],
            harness.Gate.Finished);
    }

    /// <summary>A record finished at <paramref name="at"/> (its last change at <paramref name="changedAt"/>), listed as the committer lists it.</summary>
    private static async Task<Guid> FinishedAsync(LifecycleHarness harness, DateTimeOffset at, DateTimeOffset? changedAt = null)
    {
        var id = Guid.NewGuid();
        await harness.Store.ReserveAsync(id, "fingerprint", CancellationToken.None);
        var task = TrackTask.Accept(id, TrackOperation.Extend, "fingerprint", at).Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, at)!.Task;
        await harness.Gate.RecordFinishedAsync(id, at, CancellationToken.None);
        harness.Store.Put(task with { UpdatedAt = changedAt ?? at });
        return id;
    }
}
