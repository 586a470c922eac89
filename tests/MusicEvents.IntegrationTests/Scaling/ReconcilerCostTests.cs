using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Submission.Gate;
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
    /// A DevHost on a storage account of its own runs its timer every second over 3 open tasks (each
    /// holding its place in the submission gate, as a claim leaves it), first alone, then beside
    /// 1,000 finished records, each listed as finished in the gate's partition as its release lists
    /// it. Its table requests per run, counted by the DevHost's own storage pipeline, stay the same:
    /// in the gate's table one query of the places and one of the finished rows past retention (none
    /// here), both RowKey ranges that never read the other rows, and one read by key per open task in
    /// the task table. (A filtered scan would cost the same requests on Azurite, which sends only
    /// matching rows, and grow with the history on the server: so the test also pins that the task
    /// table is read by key only, one read per open task.)
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
        var tables = new TableServiceClient(storage);
        var store = new TableTrackTaskStore(tables, new TableKeptDeliveries(tables, new Azure.Storage.Blobs.BlobServiceClient(storage)), new RecentTrackTasks(TimeProvider.System));
        var gate = new TableSubmissionGate(tables, Options.Create(new MusicApiOptions { BaseUrl = settings["MusicApi:BaseUrl"]!, ApiKey = settings["MusicApi:ApiKey"]! }));
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < OpenTasks; i++)
        {
            var open = Open(now.AddMinutes(-1));
            Assert.IsType<GateDecision.Entered>(await gate.TryEnterAsync(open.CorrelationId, now.AddMinutes(-1), CancellationToken.None));
            await store.SaveAsync(open, CancellationToken.None);
        }

        var alone = await RequestsPerRunAsync(devHost);
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, ct) =>
        {
            var finished = Finished(now.AddDays(-2));
            await gate.RecordFinishedAsync(finished.CorrelationId, finished.UpdatedAt, ct);
            await store.SaveAsync(finished, ct);
        });
        var finishedRows = await gate.ListFinishedAsync(now, CancellationToken.None).CountAsync();
        var beside = await RequestsPerRunAsync(devHost);

        Assert.Equal(1000, finishedRows);
        Assert.InRange(beside.Gate, 1.8, 2.3);
        Assert.InRange(beside.Tasks, OpenTasks - 0.5, OpenTasks + 1.0);
        Assert.InRange(beside.Tasks - alone.Tasks, -0.75, 0.75);
        Assert.InRange(beside.Gate - alone.Gate, -0.5, 0.5);
    }

    private static TrackTask Open(DateTimeOffset at) =>
        TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "fingerprint", at).Claim(at)!.Task.Submit($"unknown-{Guid.NewGuid():N}", at)!.Task;

    private static TrackTask Finished(DateTimeOffset at) =>
        TrackTask.Accept(Guid.NewGuid(), TrackOperation.Extend, "fingerprint", at)
            .Fail(new(TrackFailureReason.Rejected, "refused"), TrackInputs.Submission, at)!.Task;

    /// <summary>Requests to the task table and to the gate's table per timer run, over 5 runs (counted, not timed).</summary>
    private static async Task<(double Tasks, double Gate)> RequestsPerRunAsync(DevHostProcess devHost)
    {
        const int Runs = 5;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        async Task<(long Tasks, long Gate, int Runs)> ReadAsync()
        {
            var counts = await http.GetFromJsonAsync<StorageRequestCounts>(new Uri(devHost.Url, BaselineEndpoints.StorageRequestsRoute)) ?? StorageRequestCounts.None;
            var runs = await http.GetFromJsonAsync<List<DateTime>>(new Uri(devHost.Url, BaselineEndpoints.TimerRunsRoute)) ?? [];
            return (counts.Table.GetValueOrDefault(TableTrackTaskStore.TasksTable), counts.Table.GetValueOrDefault(TableSubmissionGate.TableName), runs.Count);
        }

        // Starts and ends just after a run, so no run is counted half.
        // (A run that throws is not counted as run: the DevHost's output then says why.)
        var start = await AfterRunAsync((await ReadAsync()).Runs + 1);
        var end = await AfterRunAsync(start.Runs + Runs);
        var runs = end.Runs - start.Runs;
        return ((double)(end.Tasks - start.Tasks) / runs, (double)(end.Gate - start.Gate) / runs);

        // The deadline only bounds a DevHost whose timer stopped: the figures come from the runs counted.
        async Task<(long Tasks, long Gate, int Runs)> AfterRunAsync(int run)
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                var read = await ReadAsync();
                if (read.Runs >= run)
                {
                    return read;
                }
            }

            throw new TimeoutException($"The DevHost's timer did not reach run {run}: {devHost.Output}");
        }
    }
}
