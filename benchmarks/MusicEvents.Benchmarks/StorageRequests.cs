using System.Net.Http.Json;
using MusicEvents.Core.Hosting;

namespace MusicEvents.Benchmarks;

/// <summary>
/// The DevHost's count of storage requests (GET /devhost/storage-requests: every HTTP attempt its
/// Azure SDK clients sent, per service and per table or container, counted by a pipeline policy in
/// each client's own pipeline), and its list of timer runs, whose queries a window can leave out.
/// </summary>
public sealed class StorageRequests(BenchSettings settings, HttpClient http)
{
    // The DevHost's BaselineEndpoints routes; the benchmark does not reference the DevHost.
    private const string CountsRoute = "/devhost/storage-requests";
    private const string TimerRunsRoute = "/devhost/timer-runs";

    public async Task<StorageRequestCounts> TakeAsync() =>
        await http.GetFromJsonAsync<StorageRequestCounts>(new Uri(settings.DevHost, CountsRoute))
            ?? throw new InvalidOperationException("The DevHost answered no storage request counts.");

    /// <summary>How many timer occurrences the DevHost has run so far.</summary>
    public async Task<int> TimerRunsAsync() =>
        (await http.GetFromJsonAsync<List<DateTime>>(new Uri(settings.DevHost, TimerRunsRoute)))?.Count
            ?? throw new InvalidOperationException("The DevHost answered no timer runs.");
}
