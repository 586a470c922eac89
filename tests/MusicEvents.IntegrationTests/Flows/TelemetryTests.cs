using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using MusicEvents.Contracts;
using MusicEvents.Core.Telemetry;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Flows;

/// <summary>What the DevHost exports: one trace per flow, and the meter a paying team watches.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TelemetryTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task One_extend_flow_is_one_trace_from_the_request_to_the_blob_upload_and_its_spans_carry_the_correlation_id()
    {
        var correlationId = Guid.NewGuid();
        var response = await hosts.Http.PostAsJsonAsync(
            hosts.DevHostRoute("/api/tracks/extend"), new { correlationId, clipId = $"clip-{Guid.NewGuid():N}", startsAt = 1, length = 1 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = await hosts.Events.WaitForAsync<TrackStored>(correlationId);

        var flow = await FlowTraceAsync(correlationId, s => IsConsume(s, "archive-track"));

        string Names() => string.Join("; ", flow.Select(s => $"{s.Source.Name}/{s.Kind}/{s.DisplayName}"));
        Assert.True(flow.Exists(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/api/tracks/extend"), Names());
        Assert.True(flow.Exists(s => IsConsume(s, "extend-track")), Names());
        Assert.True(flow.Exists(s => s.Kind == ActivityKind.Client && (s.GetTagItem("url.full") as string)?.Contains("/producer/create", StringComparison.Ordinal) == true), Names());
        Assert.True(flow.Exists(s => s.Source.Name == FlowTrace.SourceName && s.DisplayName == "webhook delivery"), Names());
        Assert.True(flow.Exists(s => IsConsume(s, "task-reported")), Names());
        Assert.True(flow.Exists(s => IsConsume(s, "archive-track")), Names());
        Assert.True(flow.Exists(s => s.Kind == ActivityKind.Client && (s.GetTagItem("url.full") as string)?.Contains("comp=blocklist", StringComparison.Ordinal) == true), Names());

        // Every span MusicEvents started in this flow names it (the sandbox's and the test's own spans are not ours).
        var ours = flow.Where(IsOurs).ToList();
        Assert.All(ours, s => Assert.True(correlationId.ToString("D") == s.GetTagItem(FlowTrace.CorrelationIdTag) as string, $"{s.Source.Name}/{s.DisplayName} has no correlation id"));
        Assert.Contains(ours, s => s.GetTagItem(FlowTrace.TaskIdTag) as string == stored.TaskId);
    }

    [Fact]
    public async Task The_meter_counts_the_credits_charged_and_refunded_for_a_task_that_succeeds_and_one_that_fails()
    {
        var meters = hosts.DevHostServices.GetRequiredService<IMeterFactory>();
        using var charged = new MetricCollector<long>(meters, MusicEventsMetrics.MeterName, "musicevents.credits.charged");
        using var refunded = new MetricCollector<long>(meters, MusicEventsMetrics.MeterName, "musicevents.credits.refunded");
        var succeeds = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 1, Length: 1);
        var fails = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+fail", 1, Length: 1);

        await hosts.Events.Publisher.Publish(succeeds);
        await hosts.Events.Publisher.Publish(fails);
        await hosts.Events.WaitForAsync<TrackStored>(succeeds.CorrelationId);
        var failed = await hosts.Events.WaitForAsync<TrackFailed>(fails.CorrelationId);

        // Other tests' leftovers (a late poll) can only add: at least these two tasks' figures.
        Assert.True(failed.CreditsRefunded);
        Assert.True(charged.GetMeasurementSnapshot().EvaluateAsCounter() >= 24, "both tasks were charged 12 credits");
        Assert.True(refunded.GetMeasurementSnapshot().EvaluateAsCounter() >= 12, "the failed task's 12 credits were refunded");
    }

    private static bool IsConsume(Activity span, string endpoint) =>
        span.Source.Name == "MassTransit" && span.Kind == ActivityKind.Consumer && span.DisplayName.Contains(endpoint, StringComparison.Ordinal);

    /// <summary>Started by MusicEvents: its own, MassTransit's and the Azure SDK's spans, the DevHost's requests, and the calls those make.</summary>
    private bool IsOurs(Activity span) =>
        span.Source.Name == FlowTrace.SourceName
        || span.Source.Name == "MassTransit" && !span.DisplayName.StartsWith(EventObserver.EndpointPrefix, StringComparison.Ordinal)
        || span.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)
        || span.Kind == ActivityKind.Server && span.GetTagItem("server.port") is int port && port == hosts.DevHostUrl.Port
        || span.Kind == ActivityKind.Client && span.Parent is { } parent && IsOurs(parent);

    /// <summary>The spans of the trace that the flow's request span started, once <paramref name="last"/> has ended in it.</summary>
    private async Task<List<Activity>> FlowTraceAsync(Guid correlationId, Func<Activity, bool> last)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var request = hosts.Spans.Spans.FirstOrDefault(s =>
                s.Kind == ActivityKind.Server && s.GetTagItem(FlowTrace.CorrelationIdTag) as string == correlationId.ToString("D")
                && s.GetTagItem("url.path") as string == "/api/tracks/extend");
            var flow = request is null ? [] : hosts.Spans.Spans.Where(s => s.TraceId == request.TraceId).ToList();
            if (flow.Exists(s => last(s)) || DateTime.UtcNow > deadline)
            {
                return flow;
            }

            await Task.Delay(200);
        }
    }
}
