namespace MusicEvents.Benchmarks;

/// <summary>A final MusicEvents event as the benchmark heard it, with its Stopwatch timestamp.</summary>
public sealed record EventArrival(object Message, long Timestamp);
