using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>
/// For each target this run did not meet: which part is the limit, with its own figure beside it,
/// and what MusicEvents' code does per request, so that the figure on real Azure Storage can be
/// derived (its account and partition limits are in requests per second).
/// </summary>
public static class LimitsSection
{
    /// <summary>The command's publish and MusicEvents' four: TrackSubmitted, TaskReported, TrackCompleted, TrackStored.</summary>
    public const int ConfirmedPublishesPerFlow = 5;

    /// <summary>
    /// Cores a part can keep busy: Azurite's blob and table servers are Node.js processes whose work
    /// runs on one event loop (one core; the blob server's file writes add a little on threads beside it).
    /// </summary>
    public static double CoresAvailable(string part, int machineCores) => part.StartsWith("azurite", StringComparison.Ordinal) ? 1 : machineCores;

    public static void Append(StringBuilder md, BenchReport r)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(r);
        var lines = new List<string>();
        var s = r.StorageRequests;
        if (s.TablePerDelivery > SummarySection.TablePerDeliveryTarget)
        {
            lines.Add($"**Table requests per delivery, {s.TablePerDelivery:F1} (target ≤ 2).** No dependency sets it: these are MusicEvents' own requests, by table "
                + $"{StorageRequestsResult.ByResource(s.PerDeliveries.Table, s.Deliveries)}.");
        }

        if (s.TablePerFlow > SummarySection.TablePerFlowTarget)
        {
            lines.Add($"**Table requests per flow, {s.TablePerFlow:F1} (target ≤ 10).** MusicEvents' own requests, by table "
                + $"{StorageRequestsResult.ByResource(s.PerFlows.Table, s.Flows)}.");
        }

        foreach (var c in new[] { 16, 64 }.Where(r.Settings.Concurrency.Contains))
        {
            Ingestion(lines, r, c);
        }

        foreach (var c in new[] { 16, 64 }.Where(r.Settings.Concurrency.Contains))
        {
            var ms = r.MillisecondsPerItem(c, IngestionTarget.Webhook, "devhost");
            if (ms > SummarySection.DevHostMsPerDeliveryTarget)
            {
                lines.Add($"**DevHost CPU per delivery at concurrency {c}, {Format.Ms(ms)} ms (target ≤ 1 ms).** No dependency: the DevHost's own work per delivery "
                    + $"(its code, and the Azure SDK and MassTransit calls it makes: {Format.Count(r.Ingestion.Summaries[(c, IngestionTarget.Webhook)].TablePerItem)} table requests and a confirmed publish); "
                    + $"Kestrel's own share is what the read-body endpoint costs, {Format.Ms(r.MillisecondsPerItem(c, IngestionTarget.ReadBody, "devhost"))} ms a request.");
            }
        }

        if (r.EndToEnd.PerSecond < SummarySection.BurstTarget)
        {
            lines.Add(Burst(r));
        }

        if (r.SingleFlow.P50Ms > SummarySection.SingleFlowP50TargetMs)
        {
            lines.Add(SingleFlow(r));
        }

        var archiveRatio = r.Archive.MusicEventsMegabytesPerSecond / r.Archive.BaselineMegabytesPerSecond;
        if (archiveRatio < SummarySection.ArchiveRatioTarget)
        {
            lines.Add(Archive(r, archiveRatio));
        }

        if (!(r.Archive.MusicEventsWorstPeakRiseBytes < BenchReport.MemoryTargetBytes))
        {
            lines.Add($"**Archive memory, a peak rise of {r.Archive.MusicEventsWorstPeakRiseBytes / 1e6:F0} MB (target < 100 MB).** No dependency: the DevHost's own buffers "
                + $"(the plain copy's rose {r.Archive.BaselineWorstPeakRiseBytes / 1e6:F0} MB in the benchmark's process).");
        }

        md.AppendLine("### Where a target is out of reach");
        md.AppendLine();
        if (lines.Count == 0)
        {
            md.AppendLine("Every target is met.");
        }

        foreach (var line in lines)
        {
            md.AppendLine($"- {line}");
        }

        md.AppendLine();
    }

    /// <summary>
    /// What held a measurement back, from where its CPU went: the whole machine when its cores were
    /// busy (90 % of them: the rest is the scheduler's slack), else a process using most of what it can (Azurite's servers one core, the others all),
    /// else nothing saturated, so the work waited on round trips or on MusicEvents' own limits.
    /// </summary>
    public static string LimitDuring(CpuUse use, int machineCores)
    {
        ArgumentNullException.ThrowIfNull(use);
        var rest = use.Cores.GetValueOrDefault(CpuUse.Rest);
        var total = use.Cores.Values.Sum();
        if (total >= 0.9 * machineCores)
        {
            return $"the machine's CPU: {total:F2} of its {machineCores} cores busy, {rest:F2} of them with other work than this benchmark's";
        }

        var parts = use.Cores.Where(c => c.Key != CpuUse.Rest).Select(c => (Part: c.Key, Cores: c.Value, Share: c.Value / CoresAvailable(c.Key, machineCores))).ToList();
        if (parts.Count > 0 && parts.MaxBy(p => p.Share) is { Share: >= 0.8 } busiest)
        {
            return busiest.Part.StartsWith("azurite", StringComparison.Ordinal)
                ? $"{busiest.Part}, {Format.Number(busiest.Cores)} cores busy (a Node.js process: one event loop)"
                : $"{busiest.Part}, {Format.Number(busiest.Cores)} of its {CoresAvailable(busiest.Part, machineCores)} cores busy";
        }

        return "no process, none being near its cores (" + string.Join(", ", parts.OrderByDescending(p => p.Share).Take(3).Select(p => $"{p.Part} {Format.Number(p.Cores)}"))
            + $"; other work {Format.Number(rest)}): the work waited on round trips or on MusicEvents' own limits";
    }

    private static void Ingestion(List<string> lines, BenchReport r, int c)
    {
        var (ratio, slower, _) = r.IngestionRatio(c);
        if (!(ratio < SummarySection.IngestionRatioTarget) || !r.Ingestion.Summaries.TryGetValue((c, IngestionTarget.Webhook), out var webhook))
        {
            return;
        }

        var table = webhook.TablePerItem;
        var insert = r.Ingestion.Summaries[(c, IngestionTarget.RawInsert)];
        var publish = r.Ingestion.Summaries[(c, IngestionTarget.RawPublish)];
        var text = $"**Webhook ingestion at concurrency {c}, {Format.Number(ratio)} of the raw {slower} (target ≥ 0.5).** ";
        if (slower == "insert")
        {
            // The table server's own CPU per item, from the same runs: what a delivery costs it in inserts.
            var perInsert = r.MillisecondsPerItem(c, IngestionTarget.RawInsert, "azurite-table");
            var perDelivery = r.MillisecondsPerItem(c, IngestionTarget.Webhook, "azurite-table");
            text += $"The slower dependency is Azurite's table server: the raw insert-if-absent ran at {insert.PerSecond:N0}/s at this concurrency (the raw confirmed publish at {publish.PerSecond:N0}/s), "
                + $"costing the table server {Format.Ms(perInsert)} ms of CPU an insert. A delivery cost it {Format.Ms(perDelivery)} ms: MusicEvents' webhook and the consumers behind it sent {table:F1} table requests a delivery "
                + $"({webhook.TableByResource}) and {webhook.BlobPerItem:F1} blob requests, and published once. With the table server as the only limit, the webhook would reach "
                + $"{Format.Ms(perInsert)} ÷ {Format.Ms(perDelivery)} = {Format.Number(perInsert / perDelivery)} of the insert's rate; 0.5 needs a delivery to cost it at most two inserts. ";
        }
        else
        {
            text += $"The slower dependency is RabbitMQ: the raw confirmed publish ran at {publish.PerSecond:N0}/s at this concurrency (the raw insert at {insert.PerSecond:N0}/s); MusicEvents published once a delivery "
                + $"and sent {table:F1} table requests ({webhook.TableByResource}). ";
        }

        text += $"During the webhook runs the limit was {LimitDuring(webhook.Cpu, r.Machine.Cores)}. "
            + $"On Azure Storage: deliveries/s ≈ the table requests/s the account or partition sustains ÷ {table:F1}.";
        lines.Add(text);
    }

    private static string Burst(BenchReport r)
    {
        var perFlow = r.EndToEnd.CpuPerFlowMs;
        var cores = r.Machine.Cores;
        var ceilings = perFlow.Where(p => p.Key != CpuUse.Rest && p.Value > 0).OrderByDescending(p => p.Value)
            .Select(p => (Part: p.Key, Ms: p.Value, Ceiling: CoresAvailable(p.Key, cores) * 1000 / p.Value)).ToList();
        var all = ceilings.Sum(p => p.Ms);
        var table = r.StorageRequests.TablePerFlow;
        var backlog = string.Join(", ", r.EndToEnd.LargestBacklog.Select(b => $"`{b.Key}` {b.Value:F0}"));
        return $"**End to end, {Format.Number(r.EndToEnd.PerSecond)} flows/s in a burst (target ≥ 100/s).** During the bursts the limit was {LimitDuring(r.EndToEnd.Cpu, cores)}; "
            + $"the commands waited in MusicEvents' queues (largest backlog {backlog}). Each process's CPU per flow, and the rate at which it alone would be saturated on an idle machine: "
            + string.Join(", ", ceilings.Select(x => $"{x.Part} {Format.Ms(x.Ms)} ms ({Format.Number(x.Ceiling)}/s on {(CoresAvailable(x.Part, cores) > 1 ? $"{cores} cores" : "its event loop's one core")})"))
            + $"; all of them together (the benchmark's own bus included) {Format.Ms(all)} ms a flow, {Format.Number(cores * 1000 / all)} flows/s on {cores} cores, "
            + $"of which this run reached {Format.Number(r.EndToEnd.PerSecond * all / (cores * 1000))}. "
            + $"Per flow MusicEvents sends {table:F1} table and {r.StorageRequests.BlobPerFlow:F1} blob requests (§1). On Azure Storage: flows/s ≈ the table requests/s the account or partition sustains ÷ {table:F1}.";
    }

    private static string SingleFlow(BenchReport r)
    {
        var f = r.SingleFlow;
        var requests = r.StorageRequests.TablePerFlow + r.StorageRequests.BlobPerFlow;
        var insertP50 = r.Ingestion.Summaries.TryGetValue((1, IngestionTarget.RawInsert), out var i) ? i.P50Ms : double.NaN;
        var publishP50 = r.Ingestion.Summaries.TryGetValue((1, IngestionTarget.RawPublish), out var p) ? p.P50Ms : double.NaN;
        var dependencies = (requests * insertP50) + (ConfirmedPublishesPerFlow * publishP50);
        var devHost = f.CpuPerFlowMs.GetValueOrDefault("devhost", double.NaN);
        var stages = new[] { ("submission", f.SubmissionP50Ms), ("sandbox, webhook and report", f.ReportP50Ms), ("archive", f.ArchiveP50Ms) };
        var longest = stages.Where(s => !double.IsNaN(s.Item2)).DefaultIfEmpty(("unknown", double.NaN)).MaxBy(s => s.Item2);
        var verdict = dependencies >= SummarySection.SingleFlowP50TargetMs
            ? "The dependencies' round trips alone exceed the target: Azurite and RabbitMQ are the limit."
            : $"They leave {Format.Ms(SummarySection.SingleFlowP50TargetMs - dependencies)} ms of the target for everything else, and the flows took {Format.Ms(f.P50Ms - dependencies)} ms more than them: "
                + $"MusicEvents' own path (its CPU, its hops through the broker and the sandbox, its waits) is the rest, the longest stage being the {longest.Item1} ({Format.Ms(longest.Item2)} ms).";
        return $"**One flow at a time, p50 {Format.Ms(f.P50Ms)} ms (target ≤ 100 ms).** Its stages (medians): submission {Format.Ms(f.SubmissionP50Ms)} ms (publish → TrackSubmitted), "
            + $"the sandbox's webhook and the report {Format.Ms(f.ReportP50Ms)} ms (→ TrackCompleted), the archive {Format.Ms(f.ArchiveP50Ms)} ms (→ TrackStored). "
            + $"A flow sends {Format.Count(requests)} storage requests (§1) and {ConfirmedPublishesPerFlow} confirmed publishes; one after another at the raw insert's p50 at concurrency 1 ({Format.Ms(insertP50)} ms) "
            + $"and the raw publish's ({Format.Ms(publishP50)} ms) they take about {Format.Ms(dependencies)} ms; the DevHost spends {Format.Ms(devHost)} ms of CPU a flow. {verdict} "
            + "On Azure Storage, where a request takes longer than on loopback, the dependencies' share is the storage requests × its latency.";
    }

    private static string Archive(BenchReport r, double ratio)
    {
        var a = r.Archive;
        var ours = a.MusicEventsCpu.Cores.GetValueOrDefault("azurite-blob", double.NaN);
        var plain = a.BaselineCpu.Cores.GetValueOrDefault("azurite-blob", double.NaN);
        var runs = Math.Max(1, a.MusicEvents.Count(x => x.Error is null));
        var requests = (double)r.ArchiveBlobRequests / runs;
        return $"**Archive, {Format.Number(ratio)} of the plain SDK copy (target ≥ 1.0).** During MusicEvents' runs the limit was {LimitDuring(a.MusicEventsCpu, r.Machine.Cores)}; "
            + $"during the plain copy's, {LimitDuring(a.BaselineCpu, r.Machine.Cores)}. Azurite's blob server spent {Format.Ms(ours * a.MusicEventsCpu.Wall.TotalMilliseconds / (a.Bytes / 1e6))} ms of CPU a MB "
            + $"through MusicEvents and {Format.Ms(plain * a.BaselineCpu.Wall.TotalMilliseconds / (a.Bytes / 1e6))} ms through the plain copy. MusicEvents sent {Format.Count(requests)} blob requests to `{ArchiveSection.Container}` per file of {a.Bytes / 1_048_576} MiB (about {Format.Number(a.Bytes / 1_048_576.0 / Math.Max(1, requests))} MiB a request); "
            + "on Azure Storage the time follows from those requests' size and how many are in flight at once.";
    }
}
