using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>The figures of one run as the Markdown that goes between the markers of docs/benchmarks.md.</summary>
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

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Header(md);
        IngestionTables(md);
        ArchiveTable(md);
        EndToEndTable(md);
        IdleTable(md);
        StorageRequestsTable(md);
        CpuTable(md);
        return md.ToString();
    }

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

    private void IngestionTables(StringBuilder md)
    {
        md.AppendLine("### 1. Webhook ingestion");
        md.AppendLine();
        md.AppendLine($"Closed loop, {Settings.Runs} runs of {Settings.RunDuration.TotalSeconds:F0} s per target and concurrency, the targets taking turns; medians of the runs (errors: the sum over them). Latency in milliseconds.");
        md.AppendLine();
        md.AppendLine("| concurrency | target | per second | p50 | p99 | max | errors |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var c in Settings.Concurrency)
        {
            foreach (var target in Enum.GetValues<IngestionTarget>())
            {
                if (Ingestion.Summaries.TryGetValue((c, target), out var s))
                {
                    var errors = s.Errors == 0 ? "0" : $"{s.Errors} ({string.Join(", ", s.ErrorKinds)})";
                    md.AppendLine($"| {c} | {Name(target)} | {s.PerSecond:N0} | {Ms(s.P50Ms)} | {Ms(s.P99Ms)} | {Ms(s.MaxMs)} | {errors} |");
                }
            }
        }

        md.AppendLine();
        md.AppendLine("Deliveries per second of the webhook divided by each baseline's rate at the same concurrency:");
        md.AppendLine();
        md.AppendLine("| concurrency | ÷ read-body endpoint | ÷ raw publish | ÷ raw insert | ÷ slower raw dependency |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var c in Settings.Concurrency)
        {
            double Rate(IngestionTarget t) => Ingestion.Summaries.TryGetValue((c, t), out var s) ? s.PerSecond : double.NaN;
            var webhook = Rate(IngestionTarget.Webhook);
            var publish = Rate(IngestionTarget.RawPublish);
            var insert = Rate(IngestionTarget.RawInsert);
            var slower = publish <= insert ? "publish" : "insert";
            md.AppendLine($"| {c} | {Ratio(webhook, Rate(IngestionTarget.ReadBody))} | {Ratio(webhook, publish)} | {Ratio(webhook, insert)} | {Ratio(webhook, Math.Min(publish, insert))} ({slower}) |");
        }

        md.AppendLine();
        var catchUps = Ingestion.CatchUps.Select(t => t.TotalSeconds).ToList();
        md.AppendLine($"After each webhook run the next measurement waited for the archive consumer to refuse the audio of every accepted delivery: a median of {Stats.Median(catchUps):F1} s (longest {catchUps.DefaultIfEmpty(0).Max():F1} s)"
            + (Ingestion.NeverArchived > 0 ? $"; {Ingestion.NeverArchived} deliveries had no final event within 2 min." : "."));
        md.AppendLine();
    }

    private void ArchiveTable(StringBuilder md) => ArchiveSection.Append(md, Archive);

    private void EndToEndTable(StringBuilder md)
    {
        var e = EndToEnd;
        md.AppendLine("### 3. End to end");
        md.AppendLine();
        md.AppendLine($"Bursts of ExtendTrackCommands published at once (after {e.WarmUpCommands} to warm up), sandbox completion delay zero, one-second clips; latency from publish to TrackStored, in milliseconds; medians of {e.Runs.Count} runs.");
        md.AppendLine();
        md.AppendLine("| commands per run | commands/s | p50 | p99 | max | failed or missing |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|");
        var commands = e.Runs.Count > 0 ? e.Runs[0].Commands : 0;
        md.AppendLine($"| {commands} | {e.PerSecond:F1} | {Ms(e.P50Ms)} | {Ms(e.P99Ms)} | {Ms(e.MaxMs)} | {e.NotStored} |");
        md.AppendLine();
        md.AppendLine($"Largest backlog seen in MusicEvents' queues during a burst (sampled every 250 ms; median of the runs): {string.Join(", ", e.LargestBacklog.Select(b => $"`{b.Key}` {b.Value:F0}"))}.");
        md.AppendLine();
    }

    private void IdleTable(StringBuilder md)
    {
        md.AppendLine("### 4. Idle cost of the DevHost");
        md.AppendLine();
        md.AppendLine("| when | resident memory (VmRSS) | CPU while idle |");
        md.AppendLine("|---|---:|---:|");
        foreach (var s in Idle)
        {
            var settle = s.Settle > TimeSpan.Zero ? $", {s.Settle.TotalSeconds:F0} s after the load" : "";
            md.AppendLine($"| {s.When} | {s.ResidentBytes / 1e6:F0} MB | {s.CpuPercentOfOneCore:F1}% of a core over {s.Window.TotalSeconds:F0} s{settle} |");
        }

        md.AppendLine();
    }

    private void StorageRequestsTable(StringBuilder md) => StorageRequestsSection.Append(md, StorageRequests);

    private void CpuTable(StringBuilder md)
    {
        md.AppendLine("### Where the CPU went");
        md.AppendLine();
        md.AppendLine($"Cores each process kept busy on average during the timed part of each measurement ({Machine.Cores} = the whole machine); medians of the runs. \"Rest of the machine\" is everything else that ran meanwhile.");
        md.AppendLine();
        md.AppendLine($"| measurement | {string.Join(" | ", CpuParts)} | total | DevHost CPU per item |");
        md.AppendLine($"|---|{string.Concat(CpuParts.Select(_ => "---:|"))}---:|---:|");
        var top = Settings.Concurrency.Max();
        foreach (var c in Settings.Concurrency)
        {
            var webhook = Ingestion.Summaries.GetValueOrDefault((c, IngestionTarget.Webhook));
            CpuRow(md, $"webhook, concurrency {c}", webhook?.Cpu, webhook?.PerSecond, "delivery");
        }

        foreach (var target in new[] { IngestionTarget.ReadBody, IngestionTarget.RawPublish, IngestionTarget.RawInsert })
        {
            var baseline = Ingestion.Summaries.GetValueOrDefault((top, target));
            CpuRow(md, $"{Name(target)}, concurrency {top}", baseline?.Cpu, target == IngestionTarget.ReadBody ? baseline?.PerSecond : null, "request");
        }

        CpuRow(md, "end to end", EndToEnd.Cpu, EndToEnd.PerSecond, "command");
        CpuRow(md, "archive consumer", Archive.MusicEventsCpu, Archive.MusicEventsMegabytesPerSecond, "MB");
        CpuRow(md, "archive baseline", Archive.BaselineCpu, null, null);
        md.AppendLine();
    }

    /// <param name="perSecond">Items per second, to turn the DevHost's cores into CPU milliseconds per item.</param>
    private void CpuRow(StringBuilder md, string name, CpuUse? use, double? perSecond, string? item)
    {
        if (use is null || use.Cores.Count == 0)
        {
            return;
        }

        var cells = CpuParts.Select(p => use.Cores.TryGetValue(p, out var v) ? $"{v:F2}" : "–");
        var perItem = perSecond is > 0 && use.Cores.TryGetValue("devhost", out var devHost) ? $"{Ms(devHost * 1000 / perSecond.Value)} ms a {item}" : "";
        md.AppendLine($"| {name} | {string.Join(" | ", cells)} | {use.Cores.Values.Sum():F2} | {perItem} |");
    }

    private static string Name(IngestionTarget target) => target switch
    {
        IngestionTarget.Webhook => "**MusicEvents webhook**",
        IngestionTarget.ReadBody => "read-body endpoint, same Kestrel",
        IngestionTarget.RawPublish => "raw confirmed publish (RabbitMQ.Client)",
        _ => "raw inbox insert (Azure.Data.Tables)",
    };

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms < 10 ? $"{ms:F2}" : ms < 100 ? $"{ms:F1}" : $"{ms:F0}";

    private static string Ratio(double value, double baseline) =>
        double.IsNaN(value) || double.IsNaN(baseline) || baseline <= 0 ? "–"
        : value / baseline < 0.1 ? $"{value / baseline:F3}"
        : $"{value / baseline:F2}";
}
