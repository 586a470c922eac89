using MusicEvents.Core.Hosting;

namespace MusicEvents.Benchmarks;

/// <summary>One timed run of one target: successes per second, their latencies, and what failed.</summary>
public sealed record LoadRun(int Succeeded, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs, IReadOnlyDictionary<string, int> Errors)
{
    /// <summary>Where the CPU went during the run.</summary>
    public CpuUse? Cpu { get; init; }

    /// <summary>The DevHost's storage requests for this run's successes, until its consumers were done with them (webhook runs only).</summary>
    public StorageRequestCounts? StorageRequests { get; init; }

    /// <summary>
    /// Webhook runs: deliveries its consumers took all the way per second, from the run's first
    /// delivery to the last one's final event (null when some had none in time).
    /// </summary>
    public double? AppliedPerSecond { get; init; }

    /// <summary>Webhook runs: where the CPU went from the run's start until its consumers were done with its last delivery.</summary>
    public CpuUse? CpuAllTheWay { get; init; }

    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    public int ErrorCount => Errors.Values.Sum();

    public static LoadRun From(IReadOnlyCollection<double> latenciesMs, TimeSpan elapsed, IReadOnlyDictionary<string, int> errors)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new LoadRun(
            sorted.Length,
            elapsed,
            Stats.Percentile(sorted, 0.50),
            Stats.Percentile(sorted, 0.99),
            sorted.Length == 0 ? double.NaN : sorted[^1],
            errors);
    }
}
