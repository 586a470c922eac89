using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>§1 of the report: storage requests per delivery and per flow, beside the figures recorded before.</summary>
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

    /// <summary>What <see cref="RecordedBaseline.StorageRun"/> recorded, after the lifecycle change.</summary>
    public static readonly IReadOnlyDictionary<string, (double Table, double Blob, string ByTable)> Recorded = new Dictionary<string, (double, double, string)>
    {
        ["webhook delivery"] = (RecordedBaseline.TablePerDelivery, RecordedBaseline.BlobPerDelivery, RecordedBaseline.TablePerDeliveryByTable),
        ["end-to-end flow"] = (RecordedBaseline.TablePerFlow, RecordedBaseline.BlobPerFlow, RecordedBaseline.TablePerFlowByTable),
    };

    public static void Append(StringBuilder md, StorageRequestsResult r)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(r);
        md.AppendLine("### 1. Storage requests");
        md.AppendLine();
        md.AppendLine($"Every HTTP request the DevHost's Azure SDK clients sent (retries included), counted by a pipeline policy in each client's pipeline, so each request is counted under the service it went to: {r.Deliveries} webhook deliveries "
            + $"(a failure report for a submitted task, so no archive follows) and {r.Flows} whole flows (command to TrackStored, one one-second clip). "
            + "A window in which the reconciliation timer ran is measured again, so these are the deliveries' and flows' own"
            + (r.WindowsRepeated > 0 ? $" ({r.WindowsRepeated} window(s) were)" : "")
            + (r.WindowsWithTimerRun > 0 ? $"; {r.WindowsWithTimerRun} window(s) had a timer run at every attempt and hold its queries." : "."));
        md.AppendLine();
        md.AppendLine("| per | table requests | by table | blob requests | by container | target |");
        md.AppendLine("|---|---:|---|---:|---|---|");
        md.AppendLine($"| webhook delivery | **{r.TablePerDelivery:F1}** | {StorageRequestsResult.ByResource(r.PerDeliveries.Table, r.Deliveries)} | {r.BlobPerDelivery:F1} | {StorageRequestsResult.ByResource(r.PerDeliveries.Blob, r.Deliveries)} | ≤ 2 table: {Verdict(r.TablePerDelivery <= SummarySection.TablePerDeliveryTarget)} |");
        md.AppendLine($"| end-to-end flow | **{r.TablePerFlow:F1}** | {StorageRequestsResult.ByResource(r.PerFlows.Table, r.Flows)} | {r.BlobPerFlow:F1} | {StorageRequestsResult.ByResource(r.PerFlows.Blob, r.Flows)} | ≤ 10 table: {Verdict(r.TablePerFlow <= SummarySection.TablePerFlowTarget)} |");
        md.AppendLine();
        md.AppendLine("Old figures, for comparison:");
        md.AppendLine();
        md.AppendLine("| per | recorded in | table requests | by table | blob requests |");
        md.AppendLine("|---|---|---:|---|---:|");
        foreach (var (source, figures) in new[] { ($"{RecordedBaseline.StorageRun} (after the lifecycle change)", Recorded), ("bcb2bfe (before it)", Before) })
        {
            foreach (var (what, (table, blob, byTable)) in figures)
            {
                md.AppendLine($"| {what} | {source} | {table:F1} | {byTable} | {blob:F1} |");
            }
        }

        md.AppendLine();
        md.AppendLine($"Issue 15 quoted {IssueQuotedBaseline.TablePerDelivery} table requests per delivery. Both old counts sorted table and blob requests by a fixed list of table names; tables added since (the open-task index, the gate, the inbox's received index) would have been counted as blob requests.");
        md.AppendLine();
    }

    public static string Verdict(bool met) => met ? "met" : "**not met**";
}
