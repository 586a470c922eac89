namespace MusicEvents.Benchmarks;

/// <summary>
/// The figures issue 15 quotes as its starting point (a <c>./dev bench</c> on main whose commit was
/// not recorded), as the issue gives them: several are ranges over the concurrencies.
/// </summary>
public static class IssueQuotedBaseline
{
    public const string TablePerDelivery = "about 7";
    public const string IngestionRatio = "0.08–0.14 (c 1–64)";
    public const string IngestionRate = "52–60/s (c 1–64); insert 436–623/s";
    public const string DevHostMsPerDelivery = "5–8 ms (read-body 0.06 ms)";
    public const string BurstCommandsPerSecond = "41/s (`extend-track` 491 at its peak)";
    public const string ArchiveRatio = "0.85";
    public const string ArchivePeakRise = "29 MB";
    public const string IdleMemory = "108 MB";
}
