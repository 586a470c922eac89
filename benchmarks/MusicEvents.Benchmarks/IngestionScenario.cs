using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace MusicEvents.Benchmarks;

/// <summary>
/// Scenario 1: signed, distinct, final deliveries against the DevHost's webhook at each
/// concurrency, beside the same load on a read-body endpoint of the same Kestrel and the two
/// dependencies' raw rates. Targets take turns within each round, so a drift of the machine
/// (a growing table, a warming cache) touches all of them alike.
/// </summary>
public sealed class IngestionScenario(BenchSettings settings, BenchBus bus, RawPublisher publisher, RawInbox inbox, HttpClient http, CpuMeter cpu, StorageRequests storage)
{
    public const string WebhookRoute = "/api/webhooks/musicapi";

    // The DevHost's BaselineEndpoints.ReadBodyRoute; the benchmark does not reference the DevHost.
    public const string ReadBodyRoute = "/devhost/baseline/read-body";

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(2);

    private readonly List<TimeSpan> catchUps = [];
    private int neverArchived;

    public async Task<IngestionResult> RunAsync()
    {
        foreach (var target in Enum.GetValues<IngestionTarget>())
        {
            await MeasureAsync(target, 16, WarmUp);
        }

        catchUps.Clear();
        neverArchived = 0;
        var runs = new Dictionary<(int, IngestionTarget), List<LoadRun>>();
        foreach (var concurrency in settings.Concurrency)
        {
            for (var round = 1; round <= settings.Runs; round++)
            {
                foreach (var target in Enum.GetValues<IngestionTarget>())
                {
                    var run = await MeasureAsync(target, concurrency, settings.RunDuration);
                    Progress.Line($"ingestion c={concurrency} {target} run {round}/{settings.Runs}: {run.PerSecond:F0}/s p50 {run.P50Ms:F1} ms p99 {run.P99Ms:F1} ms max {run.MaxMs:F1} ms errors {run.ErrorCount}");
                    if (!runs.TryGetValue((concurrency, target), out var list))
                    {
                        runs[(concurrency, target)] = list = [];
                    }

                    list.Add(run);
                }
            }
        }

        return new IngestionResult(runs.ToDictionary(kv => kv.Key, kv => new LoadSummary(kv.Value)), catchUps, neverArchived);
    }

    private async Task<LoadRun> MeasureAsync(IngestionTarget target, int concurrency, TimeSpan duration)
    {
        var accepted = new ConcurrentQueue<Guid>();
        var requestsBefore = target == IngestionTarget.Webhook ? await storage.TakeAsync() : null;
        var before = cpu.Take();
        var started = Stopwatch.GetTimestamp();
        var run = await ClosedLoop.RunAsync(
            concurrency,
            duration,
            target switch
            {
                IngestionTarget.Webhook => () => PostAsync(WebhookRoute, accepted),
                IngestionTarget.ReadBody => () => PostAsync(ReadBodyRoute, null),
                IngestionTarget.RawPublish => publisher.PublishAsync,
                _ => inbox.InsertAsync,
            },
            // Only the webhook leaves work behind (its consumers'), so only its runs are bounded by count.
            target == IngestionTarget.Webhook ? settings.MaxDeliveriesPerRun : int.MaxValue);
        run = run with { Cpu = CpuUse.Between(before, cpu.Take()) };

        // Afterwards, and untimed: what the run left behind must not weigh on the next one.
        if (target == IngestionTarget.Webhook)
        {
            run = run with { AppliedPerSecond = await AwaitArchiveConsumerAsync(accepted, started), CpuAllTheWay = CpuUse.Between(before, cpu.Take()) };

            // The consumers' requests for these deliveries too: they ran beside the webhook, on the same table server.
            run = run with { StorageRequests = (await storage.TakeAsync()).Since(requestsBefore!) };
        }
        else if (target == IngestionTarget.RawPublish)
        {
            await publisher.PurgeAsync();
        }

        return run;
    }

    private async Task<string?> PostAsync(string route, ConcurrentQueue<Guid>? accepted)
    {
        var delivery = BenchDelivery.Create(settings.WebhookMasterKey);
        using var request = delivery.ToRequest(settings.DevHost, route);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"HTTP {(int)response.StatusCode}";
        }

        accepted?.Enqueue(delivery.CorrelationId);
        return null;
    }

    /// <summary>
    /// Every accepted delivery published a TrackCompleted that the archive consumer refuses; the
    /// next measurement starts only once it has, so no run pays for the previous one's backlog.
    /// </summary>
    /// <returns>
    /// Deliveries taken all the way (report applied, kept, refused by the archive: its TrackFailed
    /// heard) per second, from the run's first delivery to the last one's TrackFailed; null when
    /// some never were.
    /// </returns>
    private async Task<double?> AwaitArchiveConsumerAsync(IReadOnlyCollection<Guid> accepted, long runStarted)
    {
        var start = Stopwatch.GetTimestamp();
        var done = await bus.WaitForAsync(accepted, CatchUpLimit);
        catchUps.Add(Stopwatch.GetElapsedTime(start));
        neverArchived += accepted.Count - done;
        if (done < accepted.Count || done == 0)
        {
            return null;
        }

        var last = accepted.Max(id => bus.Find(id)!.Timestamp);
        return done / Stopwatch.GetElapsedTime(runStarted, last).TotalSeconds;
    }
}
