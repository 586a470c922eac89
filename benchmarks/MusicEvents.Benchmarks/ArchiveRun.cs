namespace MusicEvents.Benchmarks;

/// <summary>One transfer of the audio into Blob Storage, and how far its process's memory rose meanwhile.</summary>
public sealed record ArchiveRun(long Bytes, TimeSpan Elapsed, long PeakRiseBytes, bool ExactPeak, string? Error)
{
    public CpuUse? Cpu { get; init; }

    /// <summary>Decimal megabytes (10^6 bytes) per second.</summary>
    public double MegabytesPerSecond => Error is null ? Bytes / 1e6 / Elapsed.TotalSeconds : double.NaN;
}
