using System.Net.Http.Json;

namespace MusicEvents.Benchmarks;

/// <summary>
/// The DevHost's count of storage requests (GET /devhost/storage-requests: every HTTP attempt its
/// Azure SDK clients sent, per table or container, counted by a pipeline policy).
/// </summary>
public sealed class StorageRequests(BenchSettings settings, HttpClient http)
{
    public static readonly string[] Tables = ["TrackTasks", "TrackTaskIds", "WebhookInbox", "Tables"];

    public async Task<IReadOnlyDictionary<string, long>> TakeAsync() =>
        await http.GetFromJsonAsync<Dictionary<string, long>>(new Uri(settings.DevHost, "/devhost/storage-requests"))
            ?? throw new InvalidOperationException("The DevHost answered no storage request counts.");

    /// <summary>Requests between two snapshots, per resource.</summary>
    public static Dictionary<string, long> Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        after.Select(a => (a.Key, Count: a.Value - before.GetValueOrDefault(a.Key))).Where(a => a.Count > 0).ToDictionary(a => a.Key, a => a.Count);
}
