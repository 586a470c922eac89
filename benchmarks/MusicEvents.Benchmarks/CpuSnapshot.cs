namespace MusicEvents.Benchmarks;

/// <summary>CPU seconds used so far by each part, and by the whole machine, at one instant.</summary>
public sealed record CpuSnapshot(long Timestamp, IReadOnlyDictionary<string, double> Seconds, double MachineBusySeconds);
