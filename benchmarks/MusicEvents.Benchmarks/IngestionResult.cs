namespace MusicEvents.Benchmarks;

/// <summary>Scenario 1: each target at each concurrency, and how long the archive consumer took to catch up after each webhook run.</summary>
public sealed record IngestionResult(
    IReadOnlyDictionary<(int Concurrency, IngestionTarget Target), LoadSummary> Summaries,
    IReadOnlyList<TimeSpan> CatchUps,
    int NeverArchived)
{
    public double Rate(int concurrency, IngestionTarget target) =>
        Summaries.TryGetValue((concurrency, target), out var s) ? s.PerSecond : double.NaN;

    /// <summary>Deliveries per second of the webhook at a concurrency, over the slower raw dependency's rate there.</summary>
    public (double Ratio, string Slower, double SlowerRate) Ratio(int concurrency)
    {
        var publish = Rate(concurrency, IngestionTarget.RawPublish);
        var insert = Rate(concurrency, IngestionTarget.RawInsert);
        var slower = publish <= insert ? (Name: "publish", Rate: publish) : (Name: "insert", Rate: insert);
        return (Rate(concurrency, IngestionTarget.Webhook) / slower.Rate, slower.Name, slower.Rate);
    }

    /// <summary>CPU milliseconds of a part per success of a target at a concurrency.</summary>
    public double MillisecondsPerItem(int concurrency, IngestionTarget target, string part) =>
        Summaries.TryGetValue((concurrency, target), out var s) && s.Cpu.Cores.TryGetValue(part, out var cores) && s.PerSecond > 0
            ? cores * 1000 / s.PerSecond
            : double.NaN;
}
