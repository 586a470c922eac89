using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using MusicEvents.Contracts;
using MusicEvents.Core.Telemetry;
using MusicEvents.Tests.Lifecycle;
using MusicEvents.Tests.MusicApi;

namespace MusicEvents.Tests.Telemetry;

/// <summary>The MusicEvents meter, read from the harness's own meter factory while whole flows run on it.</summary>
public sealed class LifecycleMetricsTests
{
    [Fact]
    public async Task A_task_that_succeeds_is_charged_12_credits_once_and_refunds_nothing()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, """{"task_id":"t-1"}"""));
        await using var harness = await LifecycleHarness.StartAsync(musicApi);
        using var charged = Collector(harness, "musicevents.credits.charged");
        using var refunded = Collector(harness, "musicevents.credits.refunded");
        using var tasks = Collector(harness, "musicevents.tasks");
        using var flow = new MetricCollector<double>(harness.Meters, MusicEventsMetrics.MeterName, "musicevents.flow.duration");
        var command = new ExtendTrackCommand(Guid.NewGuid(), "clip-1", 1, Length: 5);

        await harness.MassTransit.Bus.Publish(command);
        await harness.PublishedAsync<TrackSubmitted>(command.CorrelationId);
        await harness.ReceiveAsync(Webhook.Completed(command.CorrelationId));
        await harness.PublishedAsync<TrackStored>(command.CorrelationId);
        await harness.ReceiveAsync(Webhook.Completed(command.CorrelationId));
        await harness.QuietAsync();

        Assert.Equal(12, charged.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(0, refunded.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(["completed", "stored", "submitted"], tasks.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!).Order());
        Assert.Single(flow.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task A_task_MusicAPI_fails_with_a_refund_counts_its_charge_its_refund_and_its_reason()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, """{"task_id":"t-2"}"""));
        await using var harness = await LifecycleHarness.StartAsync(musicApi);
        using var charged = Collector(harness, "musicevents.credits.charged");
        using var refunded = Collector(harness, "musicevents.credits.refunded");
        using var tasks = Collector(harness, "musicevents.tasks");
        var command = new ExtendTrackCommand(Guid.NewGuid(), "clip-1", 1, Length: 5);

        await harness.MassTransit.Bus.Publish(command);
        await harness.PublishedAsync<TrackSubmitted>(command.CorrelationId);
        await harness.ReceiveAsync(Webhook.Failed(command.CorrelationId));
        await harness.PublishedAsync<TrackFailed>(command.CorrelationId);

        Assert.Equal(12, charged.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(12, refunded.GetMeasurementSnapshot().EvaluateAsCounter());
        var failed = Assert.Single(tasks.GetMeasurementSnapshot(), m => (string?)m.Tags["outcome"] == "failed");
        Assert.Equal("ProviderFailed", failed.Tags["reason"]);
    }

    [Fact]
    public async Task A_request_MusicAPI_refuses_is_never_charged()
    {
        var musicApi = new StubHandler(StubHandler.Status(403, """{"message":"Insufficient credits"}"""));
        await using var harness = await LifecycleHarness.StartAsync(musicApi);
        using var charged = Collector(harness, "musicevents.credits.charged");
        using var calls = new MetricCollector<double>(harness.Meters, MusicEventsMetrics.MeterName, "musicevents.musicapi.duration");
        var command = new ExtendTrackCommand(Guid.NewGuid(), "clip-1", 1, Length: 5);

        await harness.MassTransit.Bus.Publish(command);
        await harness.PublishedAsync<TrackFailed>(command.CorrelationId);

        Assert.Equal(0, charged.GetMeasurementSnapshot().EvaluateAsCounter());
        var call = Assert.Single(calls.GetMeasurementSnapshot());
        Assert.Equal(("create", (object?)403), ((string?)call.Tags["operation"], call.Tags["http.response.status_code"]));
    }

    [Fact]
    public async Task Webhook_verdicts_are_counted_by_kind()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        using var verdicts = Collector(harness, "musicevents.webhook.deliveries");
        var task = harness.Store.Put(Tracking.Tasks.Submitted() with { CorrelationId = Guid.NewGuid() });
        var delivery = Webhook.Failed(task.CorrelationId);

        await harness.ReceiveAsync(delivery);
        await harness.PublishedAsync<TrackFailed>(task.CorrelationId);
        await harness.ReceiveAsync(delivery);
        await harness.ReceiveAsync(delivery, masterKey: new string('b', 64));
        await harness.QuietAsync();

        Assert.Equal(["bad_signature", "duplicate", "valid", "valid"], verdicts.GetMeasurementSnapshot().Select(m => (string)m.Tags["verdict"]!).Order());
    }

    private static MetricCollector<long> Collector(LifecycleHarness harness, string instrument) =>
        new(harness.Meters, MusicEventsMetrics.MeterName, instrument);
}
