using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>Section 5 of the report: storage requests per delivery and per flow, beside the figures before the lifecycle's rewrite.</summary>
public static class StorageRequestsSection
{
    /// <summary>
    /// The same scenario run on commit bcb2bfe (before every state change moved into a consumer),
    /// with the same counting policy added to it: table requests per delivery, per flow; blob requests per flow.
    /// </summary>
    public static readonly (double PerDelivery, double PerFlow, double BlobPerFlow)? Before = null;

    public static void Append(StringBuilder md, StorageRequestsResult r)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(r);
        md.AppendLine("### 5. Storage requests");
        md.AppendLine();
        md.AppendLine($"Every HTTP request the DevHost's Azure SDK clients sent (retries included), counted by a pipeline policy: {r.Deliveries} webhook deliveries "
            + $"(a failure report for a submitted task, so no archive follows) and {r.Flows} whole flows (command to TrackStored, one one-second clip). "
            + "The windows include the reconciliation timer's queries meanwhile (two a run, every 15 s).");
        md.AppendLine();
        md.AppendLine("| per | table requests | by table | blob requests | table requests before |");
        md.AppendLine("|---|---:|---|---:|---:|");
        Row(md, "webhook delivery", r.PerDeliveries, r.Deliveries, Before?.PerDelivery);
        Row(md, "end-to-end flow", r.PerFlows, r.Flows, Before?.PerFlow);
        md.AppendLine();
    }

    private static void Row(StringBuilder md, string what, IReadOnlyDictionary<string, long> counts, int of, double? before)
    {
        var byTable = string.Join(", ", counts.Where(c => StorageRequests.Tables.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key} {(double)c.Value / of:F1}"));
        var earlier = before is { } b ? $"{b:F1}" : "not measured";
        md.AppendLine($"| {what} | {StorageRequestsResult.TableRequests(counts, of):F1} | {byTable} | {StorageRequestsResult.BlobRequests(counts, of):F1} | {earlier} |");
    }
}
