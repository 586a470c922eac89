using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>Section 2 of the report: the archive beside the plain SDK copy, in the full report and alone (BENCH_ONLY=archive).</summary>
public static class ArchiveSection
{
    public static void Append(StringBuilder md, ArchiveResult a)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(a);
        md.AppendLine($"### 2. Archive of a {a.Bytes / 1_048_576} MiB file");
        md.AppendLine();
        var skipped = a.RoundsSkippedForTime > 0 ? $" ({a.RoundsSkippedForTime} more skipped: they would have ended after the 10-minute budget of ./dev bench)" : "";
        md.AppendLine($"{a.MusicEvents.Count} run(s) of each{skipped}, in turns; medians. MB = 10^6 bytes. Peak memory: how far the process's resident set rose above its level when the run began"
            + (a.ExactPeaks ? " (its high-water mark, VmHWM, reset through /proc/<pid>/clear_refs as each run began)" : " (its lifetime peak could not be reset: a lower bound)")
            + "; the first round runs on the DevHost as it started, before any other scenario.");
        md.AppendLine();
        md.AppendLine("| path | MB/s | seconds | peak memory rise | target |");
        md.AppendLine("|---|---:|---:|---:|---|");
        var seconds = Stats.Median(a.MusicEvents.Where(r => r.Error is null).Select(r => r.Elapsed.TotalSeconds));
        var met = a.MusicEventsWorstPeakRiseBytes < BenchReport.MemoryTargetBytes ? "met" : "**not met**";
        md.AppendLine($"| MusicEvents: TrackCompleted → archive consumer in the DevHost → TrackStored | {a.MusicEventsMegabytesPerSecond:F0} | {seconds:F1} | {a.MusicEventsPeakRiseBytes / 1e6:F0} MB (worst {a.MusicEventsWorstPeakRiseBytes / 1e6:F0} MB) | < 100 MB: {met} |");
        var baseSeconds = Stats.Median(a.Baseline.Where(r => r.Error is null).Select(r => r.Elapsed.TotalSeconds));
        md.AppendLine($"| baseline: `HttpClient` response stream → `BlobClient.UploadAsync` (benchmark process) | {a.BaselineMegabytesPerSecond:F0} | {baseSeconds:F1} | {a.BaselinePeakRiseBytes / 1e6:F0} MB (worst {a.BaselineWorstPeakRiseBytes / 1e6:F0} MB) | |");
        md.AppendLine();
        var ratio = double.IsNaN(a.MusicEventsMegabytesPerSecond) || !(a.BaselineMegabytesPerSecond > 0)
            ? "–" : $"{a.MusicEventsMegabytesPerSecond / a.BaselineMegabytesPerSecond:F2}";
        md.AppendLine($"MusicEvents ÷ baseline: **{ratio}** (target: at least 1.0)."
            + (a.Errors.Any() ? $" Failed runs: {string.Join("; ", a.Errors)}." : ""));
        md.AppendLine();
    }

    /// <summary>Where the CPU went during the two paths, for a run of this scenario alone (the full report has it in its last table).</summary>
    public static void AppendCpu(StringBuilder md, ArchiveResult a, IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(parts);
        md.AppendLine("Cores each process kept busy on average (2 = the whole machine), medians of the runs:");
        md.AppendLine();
        md.AppendLine($"| path | {string.Join(" | ", parts)} |");
        md.AppendLine($"|---|{string.Concat(parts.Select(_ => "---:|"))}");
        foreach (var (name, use) in new[] { ("archive consumer", a.MusicEventsCpu), ("archive baseline", a.BaselineCpu) })
        {
            md.AppendLine($"| {name} | {string.Join(" | ", parts.Select(p => use.Cores.TryGetValue(p, out var v) ? $"{v:F2}" : "–"))} |");
        }

        md.AppendLine();
    }
}
