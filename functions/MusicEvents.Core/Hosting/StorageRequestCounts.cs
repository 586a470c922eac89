namespace MusicEvents.Core.Hosting;

/// <summary>
/// Storage requests sent so far, per service and then per table or container ("Tables" for
/// table-service calls, "" for account-level ones), as <see cref="StorageRequestCounter"/> counted them.
/// </summary>
public sealed record StorageRequestCounts(
    IReadOnlyDictionary<string, long> Table,
    IReadOnlyDictionary<string, long> Blob,
    IReadOnlyDictionary<string, long> Other)
{
    public static StorageRequestCounts None { get; } = new(Empty, Empty, Empty);

    public long TableTotal => Table.Values.Sum();

    public long BlobTotal => Blob.Values.Sum();

    private static IReadOnlyDictionary<string, long> Empty => new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The requests sent after <paramref name="earlier"/> was taken, resources with none left out.</summary>
    public StorageRequestCounts Since(StorageRequestCounts earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Minus(Table, earlier.Table), Minus(Blob, earlier.Blob), Minus(Other, earlier.Other));
    }

    private static Dictionary<string, long> Minus(IReadOnlyDictionary<string, long> later, IReadOnlyDictionary<string, long> earlier) =>
        later.Select(c => (c.Key, Count: c.Value - earlier.GetValueOrDefault(c.Key)))
            .Where(c => c.Count > 0)
            .ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
}
