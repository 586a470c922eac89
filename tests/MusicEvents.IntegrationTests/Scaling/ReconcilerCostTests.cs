using System.Net.Http.Json;
using Azure.Data.Tables;
using MusicEvents.Contracts;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Tracking;
using MusicEvents.DevHost;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Scaling;

[Collection(IntegrationCollection.Name)]
public sealed class ReconcilerCostTests(MusicEventsHosts hosts)
{
    private const int OpenTasks = 3;

    /// <summary>
    /// A DevHost on a storage account of its own runs its timer every second over 3 open tasks,
    /// first alone, then beside 1,000 finished records. Its table requests per run, counted by the
    /// DevHost's own storage pipeline, stay the same: one page of the open-task index and one read
    /// by key per open task. (A filtered scan of the task table would cost the same requests on
    /// Azurite, which sends only matching rows, and grow with the history on the server: so the
    /// test also pins that the task table is read by key only, one read per open task.)
    /// </summary>
    [Fact]
    public async Task The_reconcilers_table_requests_do_not_grow_with_1000_finished_records_present()
    {
        var storage = TestEnvironment.SpareStorage(3);
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("reconciler-cost");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = hosts.DevHostSettings(url, virtualHost.ConnectionString);
        settings["AzureWebJobsStorage"] = storage;
        settings["Reconciliation:GiveUpAfter"] = "01:00:00";
        await using var devHost = await DevHostProcess.StartAsync(url, settings, keepSchedule: true);
        var store = new TableTrackTaskStore(new TableServiceClient(storage), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < OpenTasks; i++)
        {
            await store.SaveAsync(Open(now.AddMinutes(-1)), CancellationToken.None);
        }

        var alone = await RequestsPerRunAsync(devHost);
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, ct) =>
            await store.SaveAsync(Finished(now.AddDays(-2)), ct));
        var beside = await RequestsPerRunAsync(devHost);

        Assert.InRange(beside.Index, 0.8, 1.3);
        Assert.InRange(beside.Tasks, OpenTasks - 0.5, OpenTasks + 1.0);
        Assert.InRange(beside.Tasks - alone.Tasks, -0.75, 0.75);
        Assert.InRange(beside.Index - alone.Index, -0.5, 0.5);
    }

    private static TrackTask Open(DateTimeOffset at) =>
        TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "fingerprint", at).Claim(at)!.Task.Submit($"unknown-{Guid.NewGuid():N}", at)!.Task;

    private static TrackTask Finished(DateTimeOffset at) =>
        TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "fingerprint", at)
            .Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, at)!.Task;

    /// <summary>Requests to the task table and to the open-task index per timer run, over about 6 runs.</summary>
    private static async Task<(double Tasks, double Index)> RequestsPerRunAsync(DevHostProcess devHost)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        async Task<(long Tasks, long Index, int Runs)> ReadAsync()
        {
            var counts = await http.GetFromJsonAsync<StorageRequestCounts>(new Uri(devHost.Url, BaselineEndpoints.StorageRequestsRoute)) ?? StorageRequestCounts.None;
            var runs = await http.GetFromJsonAsync<List<DateTime>>(new Uri(devHost.Url, BaselineEndpoints.TimerRunsRoute)) ?? [];
            return (counts.Table.GetValueOrDefault(TableTrackTaskStore.TasksTable), counts.Table.GetValueOrDefault(TableTrackTaskStore.OpenTable), runs.Count);
        }

        // Starts and ends just after a run, so no run is counted half.
        // (A run that throws is not counted as run: the DevHost's output then says why.)
        var start = await AfterNextRunAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var end = await AfterNextRunAsync();
        var runs = end.Runs - start.Runs;
        Assert.True(runs >= 4, $"only {runs} timer runs");
        return ((double)(end.Tasks - start.Tasks) / runs, (double)(end.Index - start.Index) / runs);

        async Task<(long Tasks, long Index, int Runs)> AfterNextRunAsync()
        {
            var before = (await ReadAsync()).Runs;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                var read = await ReadAsync();
                if (read.Runs > before)
                {
                    return read;
                }
            }

            throw new TimeoutException($"The DevHost's timer did not run: {devHost.Output}");
        }
    }
}
