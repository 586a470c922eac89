using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>Section 5 of the report: storage requests per delivery and per flow, beside the figures before the lifecycle's rewrite.</summary>
public static class StorageRequestsSection
{
    /// <summary>
    /// The same scenario (<c>BENCH_ONLY=storage-requests ./dev bench</c>) run on commit bcb2bfe, before
    /// every state change moved into a consumer, with this counting policy and endpoint added to it.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (double Table, double Blob, string ByTable)> Before = new Dictionary<string, (double, double, string)>
    {
        ["webhook delivery"] = (5.0, 0.0, "TrackTasks 3.0, WebhookInbox 2.0"),
        ["end-to-end flow"] = (13.1, 4.0, "TrackTaskIds 1.0, TrackTasks 10.1, WebhookInbox 2.0"),
    };

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
        md.AppendLine("| per | table requests | by table | blob requests | before: table requests | before: by table | before: blob requests |");
        md.AppendLine("|---|---:|---|---:|---:|---|---:|");
        Row(md, "webhook delivery", r.PerDeliveries, r.Deliveries);
        Row(md, "end-to-end flow", r.PerFlows, r.Flows);
        md.AppendLine();
        md.AppendLine("\"Before\": the same scenario on commit bcb2bfe (the lifecycle before every state change moved into a consumer), with the same counting policy added.");
        md.AppendLine();
    }

    private static void Row(StringBuilder md, string what, IReadOnlyDictionary<string, long> counts, int of)
    {
        var byTable = string.Join(", ", counts.Where(c => StorageRequests.Tables.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key} {(double)c.Value / of:F1}"));
        var (table, blob, earlierByTable) = Before[what];
        md.AppendLine($"| {what} | {StorageRequestsResult.TableRequests(counts, of):F1} | {byTable} | {StorageRequestsResult.BlobRequests(counts, of):F1} | {table:F1} | {earlierByTable} | {blob:F1} |");
    }
}
