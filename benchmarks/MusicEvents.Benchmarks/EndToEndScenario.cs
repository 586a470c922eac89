using System.Diagnostics;
using MusicEvents.Contracts;

namespace MusicEvents.Benchmarks;

/// <summary>
/// Scenario 3: a burst of ExtendTrackCommands published at once on the bus, each going the whole
/// way (submission, the sandbox with no completion delay, its signed webhook, the archive of a
/// one-second clip) until its TrackStored reaches the benchmark's bus.
/// </summary>
public sealed class EndToEndScenario(BenchSettings settings, BenchBus bus, QueueBacklog backlog, CpuMeter cpu, Func<Task> afterFirstRun)
{
    private const int WarmUpCommands = 20;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public async Task<EndToEndResult> RunAsync()
    {
        var warmUp = await BurstAsync(WarmUpCommands);
        Progress.Line($"end to end warm-up: {warmUp.Stored}/{WarmUpCommands} stored");
        var runs = new List<EndToEndRun>();
        var last = TimeSpan.Zero;
        for (var run = 1; run <= settings.EndToEndRuns; run++)
        {
            // Another run only if it fits, judged by the last one; the first always runs.
            if (settings.EndToEndDeadline is { } deadline && DateTimeOffset.UtcNow + last > deadline)
            {
                Progress.Line($"end to end: {settings.EndToEndRuns - run + 1} run(s) skipped to finish ./dev bench within 10 minutes");
                return new EndToEndResult(WarmUpCommands, runs) { RunsSkippedForTime = settings.EndToEndRuns - run + 1 };
            }

            var started = Stopwatch.GetTimestamp();
            runs.Add(await BurstAsync(settings.EndToEndCommands));
            last = Stopwatch.GetElapsedTime(started);
            var r = runs[^1];
            Progress.Line($"end to end run {run}/{settings.EndToEndRuns}: {r.Stored}/{r.Commands} stored, {r.PerSecond:F1}/s, p50 {r.P50Ms:F0} ms p99 {r.P99Ms:F0} ms, failed {r.Failed}, missing {r.Missing}, largest backlog {string.Join(", ", r.LargestBacklog.Select(b => $"{b.Key} {b.Value}"))}");
            if (run == 1)
            {
                await afterFirstRun();
            }
        }

        return new EndToEndResult(WarmUpCommands, runs);
    }

    private async Task<EndToEndRun> BurstAsync(int commands)
    {
        var ids = Enumerable.Range(0, commands).Select(_ => Guid.NewGuid()).ToArray();
        var published = new long[commands];
        var before = cpu.Take();
        var first = Stopwatch.GetTimestamp();
        await Task.WhenAll(ids.Select((id, i) =>
        {
            published[i] = Stopwatch.GetTimestamp();
            return bus.Publisher.Publish(new ExtendTrackCommand(id, "bench-e2e", 0, Length: 1));
        }));
        var waiting = bus.WaitForAsync(ids, Limit);
        var largest = await backlog.WatchAsync(waiting);
        await waiting;
        var used = CpuUse.Between(before, cpu.Take());

        var latencies = new List<double>();
        int stored = 0, failed = 0;
        var last = first;
        for (var i = 0; i < commands; i++)
        {
            switch (bus.Find(ids[i]))
            {
                case { Message: TrackStored } arrival:
                    stored++;
                    latencies.Add(Stats.MillisecondsBetween(published[i], arrival.Timestamp));
                    last = Math.Max(last, arrival.Timestamp);
                    break;
                case { Message: TrackFailed }:
                    failed++;
                    break;
            }
        }

        var sorted = latencies.Order().ToArray();
        return new EndToEndRun(
            commands, stored, failed, TimeSpan.FromMilliseconds(Stats.MillisecondsBetween(first, last)),
            Stats.Percentile(sorted, 0.50), Stats.Percentile(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1])
        {
            Cpu = used,
            LargestBacklog = largest,
        };
    }
}
