namespace MusicEvents.Benchmarks;

/// <summary>One burst of commands: how many were stored, how fast, and each one's time from publish to TrackStored.</summary>
public sealed record EndToEndRun(int Commands, int Stored, int Failed, TimeSpan Elapsed, double P50Ms, double P99Ms, double MaxMs)
{
    public CpuUse? Cpu { get; init; }

    public int Missing => Commands - Stored - Failed;

    public double PerSecond => Stored / Elapsed.TotalSeconds;
}
