using Microsoft.AspNetCore.Http;
using MusicEvents.Contracts;
using MusicEvents.Core.Tracking;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>The webhook function's handler, the report consumer and the kept deliveries, on the test harness.</summary>
public sealed class WebhookLifecycleTests
{
    [Fact]
    public async Task A_verified_delivery_completes_the_task_and_its_TrackCompleted_arrives_after_the_first_publish_failed()
    {
        var failOnce = new FailFirstPublish<TrackCompleted>();
        await using var harness = await LifecycleHarness.StartAsync(publishFilters: failOnce);
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });

        var status = await harness.ReceiveAsync(Webhook.Completed(task.CorrelationId));

        Assert.Equal(StatusCodes.Status200OK, status);
        var completed = Assert.Single(await harness.PublishedAsync<TrackCompleted>(task.CorrelationId));
        Assert.True(failOnce.HasFailed);
        Assert.Equal(("t-1", "c-1"), (completed.TaskId, Assert.Single(completed.Clips).ClipId));
        Assert.Single(await harness.PublishedAsync<TrackStored>(task.CorrelationId));
        Assert.Equal(TrackTaskState.Stored, harness.Store.Get(task.CorrelationId).State);
    }

    [Fact]
    public async Task A_failure_delivery_fails_the_task_with_the_refund_MusicAPI_reported()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });

        Assert.Equal(StatusCodes.Status200OK, await harness.ReceiveAsync(Webhook.Failed(task.CorrelationId)));

        var failed = Assert.Single(await harness.PublishedAsync<TrackFailed>(task.CorrelationId));
        Assert.Equal((TrackFailureReason.ProviderFailed, "upstream failure", (bool?)true), (failed.Reason, failed.Message, failed.CreditsRefunded));
    }

    [Fact]
    public async Task A_delivery_the_broker_cannot_take_is_answered_503_and_processed_in_full_when_it_comes_again()
    {
        var failOnce = new FailFirstPublish<TaskReported>();
        await using var harness = await LifecycleHarness.StartAsync(publishFilters: failOnce);
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        var delivery = Webhook.Completed(task.CorrelationId);

        var first = await harness.ReceiveAsync(delivery);
        var again = await harness.ReceiveAsync(delivery);

        Assert.Equal((StatusCodes.Status503ServiceUnavailable, StatusCodes.Status200OK), (first, again));
        Assert.Single(await harness.PublishedAsync<TrackCompleted>(task.CorrelationId));
    }

    [Fact]
    public async Task A_duplicate_delivery_is_answered_200_and_publishes_nothing_new()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        var delivery = Webhook.Completed(task.CorrelationId);

        Assert.Equal(StatusCodes.Status200OK, await harness.ReceiveAsync(delivery));
        await harness.PublishedAsync<TrackStored>(task.CorrelationId);
        Assert.Equal(StatusCodes.Status200OK, await harness.ReceiveAsync(delivery));
        await harness.QuietAsync();

        // The webhook keeps nothing itself: the second copy goes to the consumer, which knows it.
        Assert.Equal(2, harness.MassTransit.Published.Select<TaskReported>().Count());
        Assert.Single(harness.MassTransit.Published.Select<TrackCompleted>());
    }

    [Fact]
    public async Task Twenty_copies_of_one_delivery_arriving_together_publish_one_TrackCompleted()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        var delivery = Webhook.Completed(task.CorrelationId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => harness.ReceiveAsync(delivery)));
        await harness.PublishedAsync<TrackStored>(task.CorrelationId);
        await harness.QuietAsync();

        Assert.All(answers, status => Assert.Equal(StatusCodes.Status200OK, status));
        Assert.Equal(20, harness.MassTransit.Published.Select<TaskReported>().Count());
        Assert.Single(harness.MassTransit.Published.Select<TrackCompleted>());
    }

    [Fact]
    public async Task A_delivery_is_kept_by_the_write_that_takes_its_report_and_found_for_replay_with_or_without_its_task()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        var delivery = Webhook.Completed(task.CorrelationId);

        await harness.ReceiveAsync(delivery);
        await harness.PublishedAsync<TrackCompleted>(task.CorrelationId);

        var kept = Assert.Single(harness.Store.Deliveries);
        Assert.Equal((delivery.WebhookId, delivery.Body), (kept.WebhookId, System.Text.Encoding.UTF8.GetString(kept.Body.Span)));
        Assert.Equal(TrackTaskState.Completed, harness.Store.Get(task.CorrelationId).History.Single(h => h.Input == TrackInputs.Webhook(delivery.WebhookId)).State);
        var replayedByKey = await harness.InScopeAsync<WebhookReplayer, IResult>(r => r.ReplayAsync(delivery.WebhookId, task.CorrelationId, CancellationToken.None));
        var replayedById = await harness.InScopeAsync<WebhookReplayer, IResult>(r => r.ReplayAsync(delivery.WebhookId, null, CancellationToken.None));
        var otherTask = await harness.InScopeAsync<WebhookReplayer, IResult>(r => r.ReplayAsync(delivery.WebhookId, Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(
            (StatusCodes.Status200OK, StatusCodes.Status200OK, StatusCodes.Status404NotFound),
            (await replayedByKey.StatusCodeAsync(), await replayedById.StatusCodeAsync(), await otherTask.StatusCodeAsync()));
    }

    [Fact]
    public async Task A_report_and_the_archive_after_it_take_a_task_this_process_wrote_without_reading_it()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        var reads = harness.Store.Finds;

        await harness.ReceiveAsync(Webhook.Completed(task.CorrelationId));
        await harness.PublishedAsync<TrackStored>(task.CorrelationId);

        Assert.Equal(TrackTaskState.Stored, harness.Store.Get(task.CorrelationId).State);
        Assert.Equal(reads, harness.Store.Finds);
    }

    [Fact]
    public async Task A_copy_of_a_report_taken_before_costs_one_read_when_this_process_holds_no_version_of_the_task()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        var delivery = Webhook.Completed(task.CorrelationId);
        await harness.ReceiveAsync(delivery);
        await harness.PublishedAsync<TrackStored>(task.CorrelationId);
        harness.Store.ForgetRemembered(task.CorrelationId);
        var reads = harness.Store.Finds;

        Assert.Equal(StatusCodes.Status200OK, await harness.ReceiveAsync(delivery));
        await harness.QuietAsync();

        // The version just read is the record itself: deciding "nothing new" needs no second read.
        Assert.Equal(reads + 1, harness.Store.Finds);
        Assert.Single(harness.MassTransit.Published.Select<TrackCompleted>());
    }

    [Fact]
    public async Task A_report_decided_on_a_version_another_instance_replaced_is_refused_and_decided_again_on_the_record()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var submitted = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        await harness.ReceiveAsync(Webhook.Completed(submitted.CorrelationId));
        await harness.PublishedAsync<TrackStored>(submitted.CorrelationId);
        harness.Store.RememberOlder(submitted);

        // On the older version (Submitted) a failure report would fail the task; the record is Stored.
        Assert.Equal(StatusCodes.Status200OK, await harness.ReceiveAsync(Webhook.Failed(submitted.CorrelationId)));
        await harness.QuietAsync();

        Assert.Empty(harness.MassTransit.Published.Select<TrackFailed>());
        Assert.Equal(TrackTaskState.Stored, harness.Store.Get(submitted.CorrelationId).State);
    }

    [Fact]
    public async Task A_report_that_is_not_final_is_answered_200_and_neither_published_nor_kept()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });

        Assert.Equal(StatusCodes.Status200OK, await harness.ReceiveAsync(Webhook.Streaming(task.CorrelationId)));
        await harness.QuietAsync();

        Assert.Empty(harness.MassTransit.Published.Select<TaskReported>());
        Assert.Empty(harness.Store.Deliveries);
    }

    [Fact]
    public async Task A_later_report_of_another_outcome_changes_nothing()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        await harness.ReceiveAsync(Webhook.Completed(task.CorrelationId));
        await harness.PublishedAsync<TrackStored>(task.CorrelationId);

        Assert.Equal(StatusCodes.Status200OK, await harness.ReceiveAsync(Webhook.Failed(task.CorrelationId)));
        await harness.QuietAsync();

        Assert.Empty(harness.MassTransit.Published.Select<TrackFailed>());
        Assert.Equal(TrackTaskState.Stored, harness.Store.Get(task.CorrelationId).State);
    }

    [Fact]
    public async Task A_replayed_delivery_publishes_the_events_it_decided_again_and_changes_nothing()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        var delivery = Webhook.Completed(task.CorrelationId);
        await harness.ReceiveAsync(delivery);
        var first = Assert.Single(await harness.PublishedAsync<TrackCompleted>(task.CorrelationId));
        await harness.PublishedAsync<TrackStored>(task.CorrelationId);
        var saves = harness.Store.Saves;

        var replayed = await harness.InScopeAsync<WebhookReplayer, IResult>(r => r.ReplayAsync(delivery.WebhookId, null, CancellationToken.None));

        Assert.Equal(StatusCodes.Status200OK, await replayed.StatusCodeAsync());
        var both = await harness.PublishedAsync<TrackCompleted>(task.CorrelationId, atLeast: 2);
        Assert.All(both, e => Assert.Equal(first.CompletedAt, e.CompletedAt));
        Assert.Equal(saves, harness.Store.Saves);
    }

    [Fact]
    public async Task A_delivery_signed_with_an_unknown_key_is_a_bare_401_and_publishes_nothing()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var delivery = Webhook.Completed(Guid.NewGuid());

        var status = await harness.InScopeAsync<WebhookHttpHandler, IResult>(h =>
            h.ReceiveAsync(delivery.ToRequest(harness.Clock.GetUtcNow(), masterKey: new string('a', 64)), CancellationToken.None));

        Assert.Equal(StatusCodes.Status401Unauthorized, await status.StatusCodeAsync());
        Assert.Empty(harness.MassTransit.Published.Select<TaskReported>());
    }

    [Fact]
    public async Task A_report_for_a_task_without_a_record_is_recorded_and_applied()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var correlationId = Guid.NewGuid();

        await harness.ReceiveAsync(Webhook.Completed(correlationId));

        await harness.PublishedAsync<TrackStored>(correlationId);
        Assert.Equal((TrackOperation.Unknown, TrackTaskState.Stored), (harness.Store.Get(correlationId).Operation, harness.Store.Get(correlationId).State));
    }
}
