using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>§5 of the report: the archive of one large file beside the plain SDK copy, and the old figures.</summary>
public static class ArchiveSection
{
    /// <summary>The archive's container (Archive:Container's default, which ./dev bench keeps).</summary>
    public const string Container = "tracks";

    public static void Append(StringBuilder md, BenchReport r)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(r);
        var runs = Math.Max(1, r.Archive.MusicEvents.Count(x => x.Error is null));
        Append(md, r.Archive, (double)r.ArchiveBlobRequests / runs);
        md.AppendLine($"Old figures, for comparison ({RecordedBaseline.FullRun}, 1024 MiB): MusicEvents {RecordedBaseline.ArchiveMusicEventsMegabytesPerSecond:F0} MB/s, peak memory rise {RecordedBaseline.ArchivePeakRiseMegabytes:F0} MB (worst {RecordedBaseline.ArchiveWorstPeakRiseMegabytes:F0} MB); "
            + $"baseline {RecordedBaseline.ArchiveBaselineMegabytesPerSecond:F0} MB/s; ratio {RecordedBaseline.ArchiveRatio:F2}. Issue 15 quotes a ratio of {IssueQuotedBaseline.ArchiveRatio} and a peak rise of {IssueQuotedBaseline.ArchivePeakRise}.");
        md.AppendLine();
    }

    /// <summary>The archive's table and ratio; alone (BENCH_ONLY=archive) without the blob requests, which the full run counts.</summary>
    public static void Append(StringBuilder md, ArchiveResult a, double? blobRequestsPerFile = null)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(a);
        md.AppendLine($"### 5. Archive of a {a.Bytes / 1_048_576} MiB file");
        md.AppendLine();
        var skipped = a.RoundsSkippedForTime > 0 ? $" ({a.RoundsSkippedForTime} more skipped: they would have ended after the 10-minute budget of ./dev bench)" : "";
        md.AppendLine($"{a.MusicEvents.Count} run(s) of each{skipped}, in turns; medians. MB = 10^6 bytes. Peak memory: how far the process's resident set rose above its level when the run began"
            + (a.ExactPeaks ? " (its high-water mark, VmHWM, reset through /proc/<pid>/clear_refs as each run began)" : " (its lifetime peak could not be reset: a lower bound)")
            + "; the first round runs on the DevHost as it started, before any other scenario.");
        md.AppendLine();
        md.AppendLine("| path | MB/s | seconds | peak memory rise | target |");
        md.AppendLine("|---|---:|---:|---:|---|");
        var seconds = Stats.Median(a.MusicEvents.Where(x => x.Error is null).Select(x => x.Elapsed.TotalSeconds));
        var met = a.MusicEventsWorstPeakRiseBytes < BenchReport.MemoryTargetBytes;
        md.AppendLine($"| MusicEvents: TrackCompleted → archive consumer in the DevHost → TrackStored | {a.MusicEventsMegabytesPerSecond:F0} | {seconds:F1} | {a.MusicEventsPeakRiseBytes / 1e6:F0} MB (worst {a.MusicEventsWorstPeakRiseBytes / 1e6:F0} MB) | < 100 MB: {StorageRequestsSection.Verdict(met)} |");
        var baseSeconds = Stats.Median(a.Baseline.Where(x => x.Error is null).Select(x => x.Elapsed.TotalSeconds));
        md.AppendLine($"| baseline: `HttpClient` response stream → `BlobClient.UploadAsync` (benchmark process) | {a.BaselineMegabytesPerSecond:F0} | {baseSeconds:F1} | {a.BaselinePeakRiseBytes / 1e6:F0} MB (worst {a.BaselineWorstPeakRiseBytes / 1e6:F0} MB) | |");
        md.AppendLine();
        var ratio = a.MusicEventsMegabytesPerSecond / a.BaselineMegabytesPerSecond;
        md.AppendLine($"MusicEvents ÷ baseline: **{Format.Ratio(a.MusicEventsMegabytesPerSecond, a.BaselineMegabytesPerSecond)}** (target ≥ 1.0: {StorageRequestsSection.Verdict(ratio >= SummarySection.ArchiveRatioTarget)})."
            + (blobRequestsPerFile is { } requests ? $" The DevHost sent {Format.Count(requests)} blob requests to `{Container}` per file." : "")
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
