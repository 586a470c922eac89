namespace MusicEvents.Benchmarks;

/// <summary>
/// The figures issue 15 set its targets against, kept in code so that every report shows them
/// beside its own ("old figures, for comparison"). Three sources, each named with its commit:
/// the last full <c>./dev bench</c> before issue 15's work (written to docs/benchmarks.md in
/// ff36c33, measured on e6363a5, 2026-11-24 22:09 UTC); the storage-request counts written in
/// 08dbcc2 (<c>BENCH_ONLY=storage-requests</c>, after the lifecycle moved into consumers); and, in
/// <see cref="IssueQuotedBaseline"/>, the figures quoted in issue 15 as filed.
/// </summary>
public static class RecordedBaseline
{
    public const string FullRun = "e6363a5";
    public const string FullRunDocument = "ff36c33";
    public const string StorageRun = "08dbcc2";

    /// <summary>Per concurrency: deliveries/s of the webhook and of each baseline, and the DevHost's CPU per delivery (ms).</summary>
    public static readonly IReadOnlyDictionary<int, (double Webhook, double ReadBody, double Publish, double Insert, double DevHostMsPerDelivery)> Ingestion =
        new Dictionary<int, (double, double, double, double, double)>
        {
            [1] = (40, 4_158, 898, 630, 7.93),
            [16] = (55, 10_231, 5_665, 512, 5.85),
            [64] = (41, 10_452, 9_424, 241, 5.81),
        };

    public const double ReadBodyMsPerRequest = 0.06;

    public const double ArchiveMusicEventsMegabytesPerSecond = 34;
    public const double ArchiveBaselineMegabytesPerSecond = 46;
    public const double ArchivePeakRiseMegabytes = 26;
    public const double ArchiveWorstPeakRiseMegabytes = 34;

    /// <summary>As printed: the ratio of the unrounded medians.</summary>
    public const double ArchiveRatio = 0.75;

    public const double BurstCommandsPerSecond = 32.5;
    public const double BurstP50Ms = 9_099;
    public const double BurstP99Ms = 15_080;

    /// <summary>Cores each part kept busy during the bursts, from which the CPU per flow follows (cores × 1000 ÷ commands/s).</summary>
    public static readonly IReadOnlyDictionary<string, double> BurstCores = new Dictionary<string, double>
    {
        ["devhost"] = 0.50,
        ["sandbox"] = 0.05,
        ["azurite-table"] = 0.38,
        ["azurite-blob"] = 0.23,
        ["rabbitmq"] = 0.07,
        ["benchmark"] = 0.04,
    };

    public static readonly IReadOnlyDictionary<string, double> BurstLargestBacklog = new Dictionary<string, double>
    {
        ["extend-track"] = 490,
        ["archive-track"] = 110,
    };

    public const double IdleAfterStartMegabytes = 107;
    public const double IdleAfterLoadMegabytes = 246;
    public const double IdleAfterEveryScenarioMegabytes = 192;

    /// <summary>08dbcc2: per webhook delivery for a submitted task, and per whole flow.</summary>
    public const double TablePerDelivery = 4.0;
    public const double BlobPerDelivery = 0.0;
    public const string TablePerDeliveryByTable = "TrackTasks 2.0, WebhookInbox 2.0";
    public const double TablePerFlow = 9.0;
    public const double BlobPerFlow = 4.0;
    public const string TablePerFlowByTable = "TrackTasks 7.0, WebhookInbox 2.0";
}
