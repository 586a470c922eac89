using MusicEvents.Core.Hosting;

namespace MusicEvents.Benchmarks;

/// <summary>Storage requests of webhook deliveries (a submitted task's failure report) and of whole flows, per service and resource.</summary>
public sealed record StorageRequestsResult(int Deliveries, StorageRequestCounts PerDeliveries, int Flows, StorageRequestCounts PerFlows)
{
    /// <summary>Windows measured again because the reconciliation timer ran in them.</summary>
    public int WindowsRepeated { get; init; }

    /// <summary>Windows kept although the timer ran in them (every attempt had a run): their counts hold its queries.</summary>
    public int WindowsWithTimerRun { get; init; }

    public double TablePerDelivery => (double)PerDeliveries.TableTotal / Math.Max(1, Deliveries);

    public double BlobPerDelivery => (double)PerDeliveries.BlobTotal / Math.Max(1, Deliveries);

    public double TablePerFlow => (double)PerFlows.TableTotal / Math.Max(1, Flows);

    public double BlobPerFlow => (double)PerFlows.BlobTotal / Math.Max(1, Flows);

    /// <summary>Per resource and item, as "TrackTasks 2.0, WebhookInbox 2.0", ordinal order ("&lt;0.1" for a few requests among many items, such as a timer's).</summary>
    public static string ByResource(IReadOnlyDictionary<string, long> counts, int of) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{(c.Key.Length == 0 ? "(account)" : c.Key)} {PerItem(c.Value, of)}"));

    private static string PerItem(long count, int of) => (double)count / Math.Max(1, of) is var each && each < 0.05 ? "<0.1" : Format.Count(each);
}
