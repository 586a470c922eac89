using System.Net.Http.Json;
using System.Text.Json;
using MusicEvents.Contracts;
using MusicEvents.Core.Hosting;

namespace MusicEvents.Benchmarks;

/// <summary>
/// What one webhook delivery and one whole flow cost in storage requests, counted in the DevHost by
/// an Azure SDK pipeline policy. Deliveries: tasks submitted with their webhooks dropped by the
/// sandbox, then one signed failure report each (a failure, so that no archive follows); from the
/// first delivery sent to the last TrackFailed. Flows: commands published on the bus, from the first
/// publish to the last TrackStored (submission, webhook, archive of a one-second clip). A window in
/// which the reconciliation timer ran is measured again, so the figures are the flows' own.
/// </summary>
public sealed class StorageRequestsScenario(BenchSettings settings, BenchBus bus, HttpClient http)
{
    private const int Count = 20;
    private const int Attempts = 5;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    // A timer run is listed once it has ended: this long after a window, one begun inside it shows.
    private static readonly TimeSpan TimerGrace = TimeSpan.FromSeconds(1);

    private int repeated;
    private int keptWithTimerRun;

    public async Task<StorageRequestsResult> RunAsync()
    {
        var counter = new StorageRequests(settings, http);
        var deliveries = await WithoutTimerRunAsync(counter, DeliveriesAsync);
        var flows = await WithoutTimerRunAsync(counter, FlowsAsync);
        var result = new StorageRequestsResult(Count, deliveries, Count, flows) { WindowsRepeated = repeated, WindowsWithTimerRun = keptWithTimerRun };
        Progress.Line($"storage requests: {result.TablePerDelivery:F1} table and {result.BlobPerDelivery:F1} blob requests per delivery, "
            + $"{result.TablePerFlow:F1} table and {result.BlobPerFlow:F1} blob requests per flow"
            + (repeated > 0 ? $" ({repeated} window(s) measured again: the timer ran in them)" : ""));
        return result;
    }

    private async Task<StorageRequestCounts> WithoutTimerRunAsync(StorageRequests counter, Func<StorageRequests, Task<StorageRequestCounts>> window)
    {
        for (var attempt = 1; ; attempt++)
        {
            var runs = await counter.TimerRunsAsync();
            var counts = await window(counter);
            await Task.Delay(TimerGrace);
            var clean = await counter.TimerRunsAsync() == runs;
            if (clean || attempt == Attempts)
            {
                keptWithTimerRun += clean ? 0 : 1;
                return counts;
            }

            repeated++;
        }
    }

    private async Task<StorageRequestCounts> DeliveriesAsync(StorageRequests counter)
    {
        var ids = Enumerable.Range(0, Count).Select(_ => Guid.NewGuid()).ToArray();
        await Task.WhenAll(ids.Select(id => bus.Publisher.Publish(new ExtendTrackCommand(id, "bench-requests+drop", 0, Length: 1))));
        var taskIds = await Task.WhenAll(ids.Select(SubmittedTaskIdAsync));

        var before = await counter.TakeAsync();
        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            var delivery = BenchDelivery.Failed(settings.WebhookMasterKey, id, taskIds[i]);
            using var request = delivery.ToRequest(settings.DevHost, "/api/webhooks/musicapi");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }));
        await RequireAllAsync(ids, "failure report");
        return (await counter.TakeAsync()).Since(before);
    }

    private async Task<StorageRequestCounts> FlowsAsync(StorageRequests counter)
    {
        var ids = Enumerable.Range(0, Count).Select(_ => Guid.NewGuid()).ToArray();
        var before = await counter.TakeAsync();
        await Task.WhenAll(ids.Select(id => bus.Publisher.Publish(new ExtendTrackCommand(id, "bench-requests", 0, Length: 1))));
        await RequireAllAsync(ids, "flow");
        return (await counter.TakeAsync()).Since(before);
    }

    private async Task RequireAllAsync(Guid[] ids, string what)
    {
        var arrived = await bus.WaitForAsync(ids, Limit);
        if (arrived < ids.Length)
        {
            throw new TimeoutException($"Only {arrived} of {ids.Length} {what}s ended within {Limit.TotalSeconds:F0} s.");
        }
    }

    /// <summary>The MusicAPI task id of a task once it is Submitted (read before the counted window).</summary>
    private async Task<string> SubmittedTaskIdAsync(Guid correlationId)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri(settings.DevHost, $"/api/tracks/{correlationId:D}"));
            if (response.IsSuccessStatusCode
                && await response.Content.ReadFromJsonAsync<JsonElement>() is var status
                && status.GetProperty("state").GetString() == "Submitted")
            {
                return status.GetProperty("taskId").GetString()!;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{correlationId} was not Submitted within {Limit.TotalSeconds:F0} s.");
    }
}
