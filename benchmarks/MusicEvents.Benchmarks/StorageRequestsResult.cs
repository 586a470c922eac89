namespace MusicEvents.Benchmarks;

/// <summary>Storage requests per webhook delivery (a submitted task's failure report) and per whole flow, per resource.</summary>
public sealed record StorageRequestsResult(int Deliveries, IReadOnlyDictionary<string, long> PerDeliveries, int Flows, IReadOnlyDictionary<string, long> PerFlows)
{
    public static double TableRequests(IReadOnlyDictionary<string, long> counts, int of) =>
        (double)counts.Where(c => StorageRequests.Tables.Contains(c.Key)).Sum(c => c.Value) / Math.Max(1, of);

    public static double BlobRequests(IReadOnlyDictionary<string, long> counts, int of) =>
        (double)counts.Where(c => !StorageRequests.Tables.Contains(c.Key)).Sum(c => c.Value) / Math.Max(1, of);
}
