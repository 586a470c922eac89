namespace MusicEvents.Benchmarks;

/// <summary>One burst of commands: how many were stored, how fast, and each one's time from publish to TrackStored.</summary>
public sealed record EndToEndRun(int Commands, int Stored, int Failed, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs)
{
    public CpuUse? Cpu { get; init; }

    /// <summary>The most messages seen waiting in each consumer queue during the burst.</summary>
    public IReadOnlyDictionary<string, uint> LargestBacklog { get; init; } = new Dictionary<string, uint>();

    public int Missing => Commands - Stored - Failed;

    public double PerSecond => Stored / Elapsed.TotalSeconds;
}
