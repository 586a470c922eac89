using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>§2 of the report: webhook ingestion beside its baselines at each concurrency, and the old figures.</summary>
public static class IngestionSection
{
    public static void Append(StringBuilder md, BenchSettings settings, IngestionResult ingestion)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ingestion);
        md.AppendLine("### 2. Webhook ingestion");
        md.AppendLine();
        md.AppendLine($"Closed loop, {settings.Runs} runs of {settings.RunDuration.TotalSeconds:F0} s per target and concurrency (a webhook run ends sooner once {settings.MaxDeliveriesPerRun:N0} deliveries have begun), the targets taking turns; medians of the runs (errors: the sum over them). Latency in milliseconds.");
        md.AppendLine();
        md.AppendLine("| concurrency | target | per second | p50 | p99 | max | errors |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var c in settings.Concurrency)
        {
            foreach (var target in Enum.GetValues<IngestionTarget>())
            {
                if (ingestion.Summaries.TryGetValue((c, target), out var s))
                {
                    var errors = s.Errors == 0 ? "0" : $"{s.Errors} ({string.Join(", ", s.ErrorKinds)})";
                    md.AppendLine($"| {c} | {Name(target)} | {s.PerSecond:N0} | {Format.Ms(s.P50Ms)} | {Format.Ms(s.P99Ms)} | {Format.Ms(s.MaxMs)} | {errors} |");
                }
            }
        }

        md.AppendLine();
        md.AppendLine("Deliveries per second of the webhook divided by each baseline's rate at the same concurrency; the deliveries its consumers took all the way (report applied and kept, audio refused: the TrackFailed heard) per second, from the run's first delivery to the last one's TrackFailed, and that over the raw insert; the DevHost's CPU per delivery while the run lasted, and (in brackets) from its start until the consumers were done with its last delivery, their work included; Azurite's table server's CPU per delivery and per raw insert (what a delivery costs it in inserts); and the storage requests the DevHost sent per delivery, "
            + "from the first delivery of a run until its consumers were done with the last (the webhook, the report consumer and the archive consumer's refusal: they share the table server while a run lasts):");
        md.AppendLine();
        md.AppendLine("| concurrency | ÷ read-body endpoint | ÷ raw publish | ÷ raw insert | ÷ slower raw dependency | consumers: applied per second (÷ raw insert) | DevHost CPU per delivery: the run (all the way) | table server CPU per delivery ÷ per raw insert | table requests per delivery | by table | blob requests per delivery |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var c in settings.Concurrency)
        {
            double Rate(IngestionTarget t) => ingestion.Rate(c, t);
            var webhook = Rate(IngestionTarget.Webhook);
            var (ratio, slower, _) = ingestion.Ratio(c);
            var w = ingestion.Summaries.GetValueOrDefault((c, IngestionTarget.Webhook));
            md.AppendLine($"| {c} | {Format.Ratio(webhook, Rate(IngestionTarget.ReadBody))} | {Format.Ratio(webhook, Rate(IngestionTarget.RawPublish))} | {Format.Ratio(webhook, Rate(IngestionTarget.RawInsert))} "
                + $"| **{Format.Number(ratio)}** ({slower}) | {Format.Count(w?.AppliedPerSecond ?? double.NaN)} ({Format.Ratio(w?.AppliedPerSecond ?? double.NaN, Rate(IngestionTarget.RawInsert))}) | {Format.Ms(ingestion.MillisecondsPerItem(c, IngestionTarget.Webhook, "devhost"))} ms ({Format.Ms(w?.MillisecondsAllTheWay("devhost") ?? double.NaN)} ms) "
                + $"| {Format.Ms(ingestion.MillisecondsPerItem(c, IngestionTarget.Webhook, "azurite-table"))} ÷ {Format.Ms(ingestion.MillisecondsPerItem(c, IngestionTarget.RawInsert, "azurite-table"))} ms | {Format.Count(w?.TablePerItem ?? double.NaN)} | {w?.TableByResource ?? "–"} | {Format.Count(w?.BlobPerItem ?? double.NaN)} |");
        }

        md.AppendLine();
        var catchUps = ingestion.CatchUps.Select(t => t.TotalSeconds).ToList();
        md.AppendLine($"After each webhook run the next measurement waited for the archive consumer to refuse the audio of every accepted delivery: a median of {Stats.Median(catchUps):F1} s (longest {catchUps.DefaultIfEmpty(0).Max():F1} s)"
            + (ingestion.NeverArchived > 0 ? $"; {ingestion.NeverArchived} deliveries had no final event within 2 min." : "."));
        md.AppendLine();
        md.AppendLine($"Old figures, for comparison ({RecordedBaseline.FullRun}; issue 15 quotes {IssueQuotedBaseline.IngestionRate}, {IssueQuotedBaseline.IngestionRatio} of the slower dependency and {IssueQuotedBaseline.DevHostMsPerDelivery} of DevHost CPU a delivery):");
        md.AppendLine();
        md.AppendLine("| concurrency | webhook per second | read-body | raw publish | raw insert | ÷ slower raw dependency | DevHost CPU per delivery |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (c, old) in RecordedBaseline.Ingestion)
        {
            md.AppendLine($"| {c} | {old.Webhook:N0} | {old.ReadBody:N0} | {old.Publish:N0} | {old.Insert:N0} | {Format.Number(old.Webhook / Math.Min(old.Publish, old.Insert))} | {Format.Ms(old.DevHostMsPerDelivery)} ms |");
        }

        md.AppendLine();
    }

    public static string Name(IngestionTarget target) => target switch
    {
        IngestionTarget.Webhook => "**MusicEvents webhook**",
        IngestionTarget.ReadBody => "read-body endpoint, same Kestrel",
        IngestionTarget.RawPublish => "raw confirmed publish (RabbitMQ.Client)",
        _ => "raw insert of a kept-delivery row (Azure.Data.Tables)",
    };
}
