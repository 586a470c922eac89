using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>
/// The figures of one run as the Markdown that goes between the markers of docs/benchmarks.md: the
/// machine, a short table of issue 15's targets, then each scenario's details beside its old figures.
/// </summary>
public sealed record BenchReport(
    BenchSettings Settings,
    MachineInfo Machine,
    DateTimeOffset FinishedAt,
    TimeSpan? CommandElapsed,
    IReadOnlyList<string> CpuParts,
    IngestionResult Ingestion,
    ArchiveResult Archive,
    EndToEndResult EndToEnd,
    IReadOnlyList<IdleSample> Idle,
    StorageRequestsResult StorageRequests)
{
    public const long MemoryTargetBytes = 100_000_000;

    public required SingleFlowResult SingleFlow { get; init; }

    /// <summary>Blob requests the DevHost sent to the archive's container during the archive scenario.</summary>
    public long ArchiveBlobRequests { get; init; }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Header(md);
        SummarySection.Append(md, this);
        StorageRequestsSection.Append(md, StorageRequests);
        IngestionSection.Append(md, Settings, Ingestion);
        EndToEndSection.Append(md, this);
        ArchiveSection.Append(md, this);
        IdleSection.Append(md, Idle);
        CpuSection.Append(md, this);
        return md.ToString();
    }

    /// <inheritdoc cref="IngestionResult.Ratio"/>
    public (double Ratio, string Slower, double SlowerRate) IngestionRatio(int concurrency) => Ingestion.Ratio(concurrency);

    /// <inheritdoc cref="IngestionResult.MillisecondsPerItem"/>
    public double MillisecondsPerItem(int concurrency, IngestionTarget target, string part) => Ingestion.MillisecondsPerItem(concurrency, target, part);

    private void Header(StringBuilder md)
    {
        var command = string.Join(' ', Settings.Overrides.Append(Settings.Command));
        md.AppendLine($"Measured on {FinishedAt:yyyy-MM-dd HH:mm} UTC with `{command}`"
            + (CommandElapsed is { } e ? $", which took {e.Minutes} min {e.Seconds:D2} s up to writing this file (install check, build, set-up, every scenario; the teardown follows)." : "."));
        md.AppendLine();
        md.AppendLine("| machine | |");
        md.AppendLine("|---|---|");
        md.AppendLine($"| CPU | {Machine.Cores} cores (`nproc`), {Machine.CpuModel} |");
        md.AppendLine($"| memory | {Machine.MemoryBytes / 1e9:F1} GB |");
        md.AppendLine($"| OS | {Machine.OperatingSystem}, Linux {Machine.Kernel} |");
        md.AppendLine($"| .NET | {Machine.DotNet} (DevHost and benchmark: Release) |");
        md.AppendLine($"| RabbitMQ | {Machine.RabbitMq}, one node on loopback |");
        md.AppendLine($"| Azurite | {Machine.Azurite}, blob and table on loopback |");
        md.AppendLine($"| load average when the benchmark began | {Machine.LoadAverage} (other work on the machine shows in the last table) |");
        md.AppendLine();
    }
}
