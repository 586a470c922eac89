using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>The top of the report: every figure issue 15 names, beside its target and its old figures, then why a target is out of reach.</summary>
public static class SummarySection
{
    public const double IngestionRatioTarget = 0.5;
    public const double DevHostMsPerDeliveryTarget = 1.0;
    public const double TablePerDeliveryTarget = 2;
    public const double TablePerFlowTarget = 10;
    public const double BurstTarget = 100;
    public const double SingleFlowP50TargetMs = 100;
    public const double ArchiveRatioTarget = 1.0;

    public static IReadOnlyList<TargetRow> Rows(BenchReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var rows = new List<TargetRow>
        {
            new("Table requests per webhook delivery, submitted task (§1)", "≤ 2", IssueQuotedBaseline.TablePerDelivery,
                RecordedBaseline.TablePerDelivery, RecordedBaseline.StorageRun, r.StorageRequests.TablePerDelivery, "", r.StorageRequests.TablePerDelivery <= TablePerDeliveryTarget) { Show = Format.Count },
            new("Table requests per end-to-end flow (§1)", "≤ 10", "–",
                RecordedBaseline.TablePerFlow, RecordedBaseline.StorageRun, r.StorageRequests.TablePerFlow, "", r.StorageRequests.TablePerFlow <= TablePerFlowTarget) { Show = Format.Count },
        };
        foreach (var c in new[] { 16, 64 }.Where(r.Settings.Concurrency.Contains))
        {
            var old = RecordedBaseline.Ingestion[c];
            var ratio = r.IngestionRatio(c).Ratio;
            rows.Add(new($"Webhook ingestion ÷ slower raw dependency, concurrency {c} (§2)", "≥ 0.5", IssueQuotedBaseline.IngestionRatio,
                old.Webhook / Math.Min(old.Publish, old.Insert), RecordedBaseline.FullRun, ratio, "", ratio >= IngestionRatioTarget));
        }

        // What the webhook accepts, its consumers must apply: their rate is printed beside it, so a backlog they leave shows.
        foreach (var c in new[] { 16, 64 }.Where(r.Settings.Concurrency.Contains))
        {
            var applied = r.Ingestion.Summaries.GetValueOrDefault((c, IngestionTarget.Webhook))?.AppliedPerSecond ?? double.NaN;
            rows.Add(new($"Deliveries applied by the consumers ÷ raw insert, concurrency {c} (§2)", "printed", "–",
                double.NaN, "", applied / r.Ingestion.Rate(c, IngestionTarget.RawInsert), "", null));
        }

        foreach (var c in new[] { 16, 64 }.Where(r.Settings.Concurrency.Contains))
        {
            var ms = r.MillisecondsPerItem(c, IngestionTarget.Webhook, "devhost");
            rows.Add(new($"DevHost CPU per webhook delivery, concurrency {c} (§2)", "≤ 1 ms", IssueQuotedBaseline.DevHostMsPerDelivery,
                RecordedBaseline.Ingestion[c].DevHostMsPerDelivery, RecordedBaseline.FullRun, ms, " ms", ms <= DevHostMsPerDeliveryTarget));
        }

        foreach (var c in new[] { 16, 64 }.Where(r.Settings.Concurrency.Contains))
        {
            var ms = r.Ingestion.Summaries.GetValueOrDefault((c, IngestionTarget.Webhook))?.MillisecondsAllTheWay("devhost") ?? double.NaN;
            rows.Add(new($"DevHost CPU per webhook delivery with its consumers' work, concurrency {c} (§2)", "printed", "–",
                double.NaN, "", ms, " ms", null));
        }

        var commands = r.EndToEnd.Runs.Count > 0 ? r.EndToEnd.Runs[0].Commands : 0;
        rows.Add(new($"End to end, a burst of {commands}: flows per second (§3)", "≥ 100/s", IssueQuotedBaseline.BurstCommandsPerSecond,
            RecordedBaseline.BurstCommandsPerSecond, RecordedBaseline.FullRun, r.EndToEnd.PerSecond, "/s", r.EndToEnd.PerSecond >= BurstTarget));
        rows.Add(new("One flow at a time: publish → TrackStored, p50 (§4)", "≤ 100 ms", "not measured",
            double.NaN, "", r.SingleFlow.P50Ms, " ms", r.SingleFlow.P50Ms <= SingleFlowP50TargetMs));
        rows.Add(new("One flow at a time: publish → TrackStored, p95 (§4)", "printed", "not measured",
            double.NaN, "", r.SingleFlow.P95Ms, " ms", null));
        var mib = r.Archive.Bytes / 1_048_576;
        var archiveRatio = r.Archive.MusicEventsMegabytesPerSecond / r.Archive.BaselineMegabytesPerSecond;
        rows.Add(new($"Archive of {mib} MiB ÷ plain SDK copy (§5)", "≥ 1.0", IssueQuotedBaseline.ArchiveRatio,
            RecordedBaseline.ArchiveRatio, RecordedBaseline.FullRun, archiveRatio, "", archiveRatio >= ArchiveRatioTarget));
        var worst = r.Archive.MusicEventsWorstPeakRiseBytes / 1e6;
        rows.Add(new($"Archive of {mib} MiB: peak memory rise, worst run (§5)", "< 100 MB", IssueQuotedBaseline.ArchivePeakRise,
            RecordedBaseline.ArchiveWorstPeakRiseMegabytes, RecordedBaseline.FullRun, worst, " MB", worst < BenchReport.MemoryTargetBytes / 1e6));
        if (r.Idle.Count > 0)
        {
            rows.Add(new("DevHost memory after start (§6)", "printed (met before issue 15)", IssueQuotedBaseline.IdleMemory,
                RecordedBaseline.IdleAfterStartMegabytes, RecordedBaseline.FullRun, r.Idle[0].ResidentBytes / 1e6, " MB", null));
        }

        return rows;
    }

    public static void Append(StringBuilder md, BenchReport r)
    {
        ArgumentNullException.ThrowIfNull(md);
        var rows = Rows(r);
        md.AppendLine("### Targets");
        md.AppendLine();
        md.AppendLine($"Issue 15's targets. Old figures: as issue 15 quotes them, and as last recorded ({RecordedBaseline.FullRun}: the last full `./dev bench` before issue 15's work, "
            + $"written to this file in {RecordedBaseline.FullRunDocument}; {RecordedBaseline.StorageRun}: the storage-request counts after the lifecycle change). "
            + "The ratio is this run's figure over the recorded one. The CPU per flow of every process, for the burst and for single flows, is in §4; the cores each kept busy, in §7.");
        md.AppendLine();
        md.AppendLine("| figure | target | issue 15 quotes | last recorded | this run | ÷ recorded | |");
        md.AppendLine("|---|---|---|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            md.AppendLine(row.ToMarkdown());
        }

        md.AppendLine();
        md.AppendLine($"{rows.Count(x => x.Met == true)} of {rows.Count(x => x.Met is not null)} targets met.");
        md.AppendLine();
        LimitsSection.Append(md, r);
    }
}
