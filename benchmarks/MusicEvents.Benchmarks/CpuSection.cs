using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>§7 of the report: the cores each process kept busy during each measurement, to tell which part is the limit.</summary>
public static class CpuSection
{
    public static void Append(StringBuilder md, BenchReport r)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(r);
        md.AppendLine("### 7. Where the CPU went");
        md.AppendLine();
        md.AppendLine($"Cores each process kept busy on average during the timed part of each measurement ({r.Machine.Cores} = the whole machine); medians of the runs. \"Rest of the machine\" is everything else that ran meanwhile. "
            + "Azurite's blob and table servers are Node.js processes: their work runs on one event loop (one core), the blob server's file writes on a few threads beside it.");
        md.AppendLine();
        md.AppendLine($"| measurement | {string.Join(" | ", r.CpuParts)} | total | DevHost CPU per item |");
        md.AppendLine($"|---|{string.Concat(r.CpuParts.Select(_ => "---:|"))}---:|---:|");
        var top = r.Settings.Concurrency.Max();
        foreach (var c in r.Settings.Concurrency)
        {
            var webhook = r.Ingestion.Summaries.GetValueOrDefault((c, IngestionTarget.Webhook));
            Row(md, r, $"webhook, concurrency {c}", webhook?.Cpu, webhook?.PerSecond, "delivery");
        }

        foreach (var target in new[] { IngestionTarget.ReadBody, IngestionTarget.RawPublish, IngestionTarget.RawInsert })
        {
            var baseline = r.Ingestion.Summaries.GetValueOrDefault((top, target));
            Row(md, r, $"{IngestionSection.Name(target)}, concurrency {top}", baseline?.Cpu, target == IngestionTarget.ReadBody ? baseline?.PerSecond : null, "request");
        }

        Row(md, r, "end to end, a burst", r.EndToEnd.Cpu, r.EndToEnd.PerSecond, "command");
        var single = r.SingleFlow;
        Row(md, r, "end to end, one flow at a time", single.Cpu, single.Cpu is { } u && u.Wall > TimeSpan.Zero ? single.LatenciesMs.Count / u.Wall.TotalSeconds : null, "flow");
        Row(md, r, "archive consumer", r.Archive.MusicEventsCpu, r.Archive.MusicEventsMegabytesPerSecond, "MB");
        Row(md, r, "archive baseline", r.Archive.BaselineCpu, null, null);
        md.AppendLine();
    }

    /// <param name="perSecond">Items per second, to turn the DevHost's cores into CPU milliseconds per item.</param>
    private static void Row(StringBuilder md, BenchReport r, string name, CpuUse? use, double? perSecond, string? item)
    {
        if (use is null || use.Cores.Count == 0)
        {
            return;
        }

        var cells = r.CpuParts.Select(p => use.Cores.TryGetValue(p, out var v) ? $"{v:F2}" : "–");
        var perItem = perSecond is > 0 && use.Cores.TryGetValue("devhost", out var devHost) ? $"{Format.Ms(devHost * 1000 / perSecond.Value)} ms a {item}" : "";
        md.AppendLine($"| {name} | {string.Join(" | ", cells)} | {use.Cores.Values.Sum():F2} | {perItem} |");
    }
}
