using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using MusicEvents.Contracts;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;
using MusicEvents.Tests.MusicApi;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>The submission consumers and the gate: waits recorded and shown, answers "not charged" sent again, the budget kept.</summary>
public sealed class SubmissionGateLifecycleTests
{
    private const string Accepted = """{"message":"success","task_id":"t-1"}""";

    private static ExtendTrackCommand Command() => new(Guid.NewGuid(), "clip-1", 30.5, Length: 20);

    private static StubHandler.Answer TooManyRequests(int status, int retryAfterSeconds) =>
        StubHandler.Status(status, """{"message":"slow down"}""", r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(retryAfterSeconds)));

    [Fact]
    public async Task A_429_whose_Retry_After_is_longer_than_CreateTimeout_is_sent_again_after_the_wait_and_succeeds()
    {
        var musicApi = new StubHandler(TooManyRequests(429, 120), StubHandler.Status(200, Accepted));
        await using var harness = await LifecycleHarness.StartAsync(musicApi, Settings(("MusicApi:TransientRetries", "3"), ("MusicApi:CreateTimeout", "00:00:05")), null);
        var command = Command();

        await harness.MassTransit.Bus.Publish(command);
        var waiting = await WaitForAsync(harness, command.CorrelationId, t => t.IsWaiting);

        Assert.Equal(TrackWaitReason.RetryAfter, waiting.Waiting!.Reason);
        Assert.Equal(harness.Clock.GetUtcNow().AddSeconds(120), waiting.Waiting.Until);
        Assert.Equal("RetryAfter", TrackStatus.Of(waiting).Waiting!.Reason);
        Assert.Equal(1, musicApi.Sent);

        await AdvanceUntilAsync(harness, TimeSpan.FromSeconds(121), () => musicApi.Sent == 2);

        Assert.Equal("t-1", Assert.Single(await harness.PublishedAsync<TrackSubmitted>(command.CorrelationId)).TaskId);
        Assert.Equal(2, musicApi.Sent);
        Assert.Empty(harness.MassTransit.Published.Select<TrackFailed>());
    }

    [Fact]
    public async Task A_process_stopped_while_waiting_after_a_not_charged_answer_sends_the_request_again_once_started_again()
    {
        var command = Command();

        // Its own async flow: MassTransit keeps its log context in an AsyncLocal, which must not outlive this harness.
        var records = await Task.Run(async () =>
        {
            await using var first = await LifecycleHarness.StartAsync(new StubHandler(TooManyRequests(503, 600)), Settings(("MusicApi:TransientRetries", "3")), null);
            await first.MassTransit.Bus.Publish(command);
            var deferred = await WaitForAsync(first, command.CorrelationId, t => t.IsWaiting);
            Assert.Null(deferred.SubmissionStartedAt);
            return first.Store;
        });

        var musicApi = new StubHandler(StubHandler.Status(200, Accepted));
        await using var second = await LifecycleHarness.StartAsync(musicApi, Settings(("MusicApi:TransientRetries", "3")), records);
        await second.MassTransit.Bus.Publish(command); // the redelivery of the unacknowledged command
        await WaitForAsync(second, command.CorrelationId, t => t.IsWaiting);
        await AdvanceUntilAsync(second, TimeSpan.FromSeconds(601), () => musicApi.Sent == 1);

        Assert.Single(await second.PublishedAsync<TrackSubmitted>(command.CorrelationId));
        Assert.Equal(1, musicApi.Sent);
        Assert.Equal(TrackTaskState.Submitted, second.Store.Get(command.CorrelationId).State);
    }

    [Fact]
    public async Task Answers_that_never_clear_fail_the_task_as_ProviderFailed_after_the_configured_retries_none_charged()
    {
        var musicApi = new StubHandler(StubHandler.Status(500));
        await using var harness = await LifecycleHarness.StartAsync(musicApi, Settings(("MusicApi:TransientRetries", "1")), null);
        var command = Command();

        await harness.MassTransit.Bus.Publish(command);
        await WaitForAsync(harness, command.CorrelationId, t => t.IsWaiting);
        await AdvanceUntilAsync(harness, TimeSpan.FromMinutes(2), () => musicApi.Sent == 2);

        var failed = Assert.Single(await harness.PublishedAsync<TrackFailed>(command.CorrelationId));
        Assert.Equal(TrackFailureReason.ProviderFailed, failed.Reason);
        Assert.Equal(2, musicApi.Sent);
        Assert.Equal(0, harness.Gate.Held);
    }

    [Fact]
    public async Task MaxInFlight_holds_a_second_command_on_its_queue_until_the_first_task_is_final()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, Accepted));
        await using var harness = await LifecycleHarness.StartAsync(musicApi, Settings(("MusicApi:MaxInFlight", "1")), null);
        using var waits = new MetricCollector<long>(harness.Meters, MusicEventsMetrics.MeterName, "musicevents.submission.waits");
        var (first, second) = (Command(), Command());
        await harness.MassTransit.Bus.Publish(first);
        await harness.PublishedAsync<TrackSubmitted>(first.CorrelationId);

        await harness.MassTransit.Bus.Publish(second);
        var waiting = await WaitForAsync(harness, second.CorrelationId, t => t.IsWaiting);
        Assert.Equal(TrackWaitReason.MaxInFlight, waiting.Waiting!.Reason);
        Assert.Equal(1, musicApi.Sent);
        Assert.Equal("max_in_flight", Assert.Single(waits.GetMeasurementSnapshot()).Tags["reason"]);

        await harness.ReceiveAsync(Webhook.Completed(first.CorrelationId));
        await WaitForAsync(harness, first.CorrelationId, t => !t.IsOpen);
        await AdvanceUntilAsync(harness, TimeSpan.FromSeconds(1), () => musicApi.Sent == 2);

        Assert.Single(await harness.PublishedAsync<TrackSubmitted>(second.CorrelationId));
        Assert.Equal((2, 1), (musicApi.Sent, harness.Gate.PeakHeld));
    }

    [Fact]
    public async Task Past_the_daily_credit_budget_a_command_fails_as_CreditBudgetExceeded_when_so_configured()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, Accepted));
        await using var harness = await LifecycleHarness.StartAsync(musicApi, Settings(("MusicApi:DailyCreditBudget", "12"), ("MusicApi:OverBudget", "Fail")), null);
        var (first, second) = (Command(), Command());
        await harness.MassTransit.Bus.Publish(first);
        await harness.PublishedAsync<TrackSubmitted>(first.CorrelationId);

        await harness.MassTransit.Bus.Publish(second);

        Assert.Equal(TrackFailureReason.CreditBudgetExceeded, Assert.Single(await harness.PublishedAsync<TrackFailed>(second.CorrelationId)).Reason);
        Assert.Equal(1, musicApi.Sent);
    }

    [Fact]
    public async Task Past_the_daily_credit_budget_a_command_waits_for_the_next_UTC_day_and_is_sent_then()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, Accepted));
        await using var harness = await LifecycleHarness.StartAsync(musicApi, Settings(("MusicApi:DailyCreditBudget", "20")), null);
        var (first, second) = (Command(), Command());
        await harness.MassTransit.Bus.Publish(first);
        await harness.PublishedAsync<TrackSubmitted>(first.CorrelationId);

        await harness.MassTransit.Bus.Publish(second);
        var waiting = await WaitForAsync(harness, second.CorrelationId, t => t.IsWaiting);
        Assert.Equal((TrackWaitReason.DailyCreditBudget, new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)), (waiting.Waiting!.Reason, waiting.Waiting.Until));

        await AdvanceUntilAsync(harness, TimeSpan.FromHours(15), () => musicApi.Sent == 2);

        Assert.Single(await harness.PublishedAsync<TrackSubmitted>(second.CorrelationId));
        Assert.Equal(2, musicApi.Sent);
    }

    /// <summary>
    /// Moves the frozen clock on, and on by a second at a time while <paramref name="done"/> is not: a
    /// consumer may start its pause just after a move, and a pause on a frozen clock never ends.
    /// </summary>
    private static async Task AdvanceUntilAsync(LifecycleHarness harness, TimeSpan first, Func<bool> done)
    {
        harness.Clock.Advance(first);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!done() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    private static async Task<TrackTask> WaitForAsync(LifecycleHarness harness, Guid correlationId, Func<TrackTask, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await harness.Store.FindAsync(correlationId, CancellationToken.None) is { } task && condition(task))
            {
                return task;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Task {correlationId} did not reach the expected state: {(await harness.Store.FindAsync(correlationId, CancellationToken.None))?.State}");
    }
}
