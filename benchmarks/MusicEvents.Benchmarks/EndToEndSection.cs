using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>§3 and §4 of the report: a burst of commands, then flows one at a time, and the CPU each process spent per flow in both.</summary>
public static class EndToEndSection
{
    public static void Append(StringBuilder md, BenchReport r)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(r);
        Burst(md, r.EndToEnd);
        Single(md, r.SingleFlow);
        CpuPerFlow(md, r);
    }

    private static void Burst(StringBuilder md, EndToEndResult e)
    {
        md.AppendLine("### 3. End to end: a burst");
        md.AppendLine();
        md.AppendLine($"Bursts of ExtendTrackCommands published at once (after {e.WarmUpCommands} to warm up), sandbox completion delay zero, one-second clips; latency from publish to TrackStored, in milliseconds; medians of {e.Runs.Count} runs"
            + (e.RunsSkippedForTime > 0 ? $" ({e.RunsSkippedForTime} more skipped: they would have ended after the 10-minute budget of ./dev bench)." : "."));
        md.AppendLine();
        md.AppendLine("| | commands per run | commands/s | p50 | p99 | max | failed or missing |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        var commands = e.Runs.Count > 0 ? e.Runs[0].Commands : 0;
        md.AppendLine($"| this run | {commands} | **{e.PerSecond:F1}** | {Format.Ms(e.P50Ms)} | {Format.Ms(e.P99Ms)} | {Format.Ms(e.MaxMs)} | {e.NotStored} |");
        md.AppendLine($"| {RecordedBaseline.FullRun} | 500 | {RecordedBaseline.BurstCommandsPerSecond:F1} | {Format.Ms(RecordedBaseline.BurstP50Ms)} | {Format.Ms(RecordedBaseline.BurstP99Ms)} | | |");
        md.AppendLine();
        md.AppendLine($"Largest backlog seen in MusicEvents' queues during a burst (sampled every 250 ms; median of the runs): {Backlog(e.LargestBacklog)}; in {RecordedBaseline.FullRun}: {Backlog(RecordedBaseline.BurstLargestBacklog)} "
            + $"(issue 15 quotes {IssueQuotedBaseline.BurstCommandsPerSecond}).");
        md.AppendLine();
    }

    private static void Single(StringBuilder md, SingleFlowResult f)
    {
        md.AppendLine("### 4. End to end: one flow at a time");
        md.AppendLine();
        md.AppendLine($"{f.Flows} ExtendTrackCommands, each published once the one before was stored (after {f.WarmUpFlows} to warm up), sandbox completion delay zero, one-second clips; latency from publish to TrackStored, in milliseconds. "
            + "Each flow's time is split where its TrackSubmitted and TrackCompleted reached the benchmark's bus (medians of the stages; they need not add up to the median of the whole).");
        md.AppendLine();
        md.AppendLine("| flows | p50 | p95 | max | not stored | submission (→ TrackSubmitted) | sandbox, webhook, report (→ TrackCompleted) | archive (→ TrackStored) | target |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        md.AppendLine($"| {f.LatenciesMs.Count} | **{Format.Ms(f.P50Ms)}** | {Format.Ms(f.P95Ms)} | {Format.Ms(f.MaxMs)} | {f.NotStored} | {Format.Ms(f.SubmissionP50Ms)} | {Format.Ms(f.ReportP50Ms)} | {Format.Ms(f.ArchiveP50Ms)} "
            + $"| p50 ≤ 100 ms: {StorageRequestsSection.Verdict(f.P50Ms <= SummarySection.SingleFlowP50TargetMs)} |");
        md.AppendLine();
        md.AppendLine("Not measured before this run.");
        md.AppendLine();
    }

    private static void CpuPerFlow(StringBuilder md, BenchReport r)
    {
        var parts = r.CpuParts.Where(p => p != CpuUse.Rest).ToList();
        md.AppendLine("CPU milliseconds each process spent per stored flow (the burst: median of its runs; one at a time: over all the flows, the short idle time between them included). "
            + $"The old row follows from {RecordedBaseline.FullRun}'s cores during the bursts ÷ its commands per second.");
        md.AppendLine();
        md.AppendLine($"| CPU per flow | {string.Join(" | ", parts)} | all of them, the benchmark's bus included |");
        md.AppendLine($"|---|{string.Concat(parts.Select(_ => "---:|"))}---:|");
        Row(md, "a burst, this run", parts, r.EndToEnd.CpuPerFlowMs);
        Row(md, "one at a time, this run", parts, r.SingleFlow.CpuPerFlowMs);
        Row(md, $"a burst, {RecordedBaseline.FullRun}", parts, RecordedBaseline.BurstCores.ToDictionary(c => c.Key, c => c.Value * 1000 / RecordedBaseline.BurstCommandsPerSecond));
        md.AppendLine();
    }

    private static void Row(StringBuilder md, string name, IReadOnlyList<string> parts, IReadOnlyDictionary<string, double> ms)
    {
        var cells = parts.Select(p => ms.TryGetValue(p, out var v) ? $"{Format.Ms(v)} ms" : "–");
        md.AppendLine($"| {name} | {string.Join(" | ", cells)} | {Format.Ms(parts.Sum(p => ms.GetValueOrDefault(p)))} ms |");
    }

    private static string Backlog(IReadOnlyDictionary<string, double> backlog) => string.Join(", ", backlog.Select(b => $"`{b.Key}` {b.Value:F0}"));
}
