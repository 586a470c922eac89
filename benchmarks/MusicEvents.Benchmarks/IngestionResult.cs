namespace MusicEvents.Benchmarks;

/// <summary>Scenario 1: each target at each concurrency, and how long the archive consumer took to catch up after each webhook run.</summary>
public sealed record IngestionResult(
    IReadOnlyDictionary<(int Concurrency, IngestionTarget Target), LoadSummary> Summaries,
    IReadOnlyList<TimeSpan> CatchUps,
    int NeverArchived);
