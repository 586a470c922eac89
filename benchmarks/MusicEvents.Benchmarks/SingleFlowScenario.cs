using System.Diagnostics;
using MusicEvents.Contracts;

namespace MusicEvents.Benchmarks;

/// <summary>
/// One flow at a time, each published as soon as the one before is stored: an ExtendTrackCommand
/// with a one-second clip, the sandbox finishing at once, timed from its publish until its
/// TrackStored reaches the benchmark's bus. The latency a lone request sees, with nothing queued
/// before it; the CPU is read over all the flows together.
/// </summary>
public sealed class SingleFlowScenario(BenchSettings settings, BenchBus bus, CpuMeter cpu)
{
    private const int WarmUpFlows = 5;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public async Task<SingleFlowResult> RunAsync()
    {
        await using var stages = await FlowStages.ListenAsync(bus);
        for (var i = 0; i < WarmUpFlows; i++)
        {
            await FlowAsync();
        }

        var latencies = new List<double>();
        var submission = new List<double>();
        var report = new List<double>();
        var archive = new List<double>();
        var notStored = 0;
        var before = cpu.Take();
        for (var i = 1; i <= settings.SingleFlows; i++)
        {
            var (id, published, arrival) = await FlowAsync();
            if (arrival?.Message is not TrackStored)
            {
                notStored++;
                continue;
            }

            latencies.Add(Stats.MillisecondsBetween(published, arrival.Timestamp));
            if (stages.SubmittedAt(id) is { } s && stages.CompletedAt(id) is { } c)
            {
                submission.Add(Stats.MillisecondsBetween(published, s));
                report.Add(Stats.MillisecondsBetween(s, c));
                archive.Add(Stats.MillisecondsBetween(c, arrival.Timestamp));
            }

            if (i % 10 == 0 || i == settings.SingleFlows)
            {
                var sorted = latencies.Order().ToArray();
                Progress.Line($"single flows: {i}/{settings.SingleFlows}, p50 {Stats.Percentile(sorted, 0.5):F0} ms so far, not stored {notStored}");
            }
        }

        var used = CpuUse.Between(before, cpu.Take());
        return new SingleFlowResult(settings.SingleFlows, WarmUpFlows, [.. latencies.Order()], notStored, used)
        {
            SubmissionP50Ms = Stats.Median(submission),
            ReportP50Ms = Stats.Median(report),
            ArchiveP50Ms = Stats.Median(archive),
        };
    }

    private async Task<(Guid Id, long Published, EventArrival? Arrival)> FlowAsync()
    {
        var id = Guid.NewGuid();
        var published = Stopwatch.GetTimestamp();
        await bus.Publisher.Publish(new ExtendTrackCommand(id, "bench-single", 0, Length: 1));
        return (id, published, await bus.WaitForOneAsync(id, Limit));
    }
}
