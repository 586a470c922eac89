using System.Net.Http.Json;
using System.Text.Json;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Scaling;

/// <summary>Two DevHost processes on one broker and one storage account, as Azure scales the Functions app out.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class SeveralInstancesTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task Two_DevHosts_sharing_a_broker_and_storage_complete_200_flows_with_one_create_call_each_and_each_timer_run_once()
    {
        await using var fleet = await DevHostFleet.StartAsync(hosts, instances: 2, spareStorage: 1, new Dictionary<string, string?> { ["MusicApi:MaxInFlight"] = "100" });
        var commands = Enumerable.Range(0, 200).Select(i => new ExtendTrackCommand(Guid.NewGuid(), $"clip-{i}", 1, Length: 1)).ToList();

        await Task.WhenAll(commands.Select(c => fleet.Events.Publisher.Publish(c)));
        foreach (var command in commands)
        {
            await fleet.Events.WaitForAsync<TrackStored>(command.CorrelationId, TimeSpan.FromSeconds(120));
        }

        var calls = fleet.Sandbox.Calls.GroupBy(c => c.CorrelationId).ToDictionary(g => g.Key!, g => g.Count());
        Assert.All(commands, c => Assert.Equal(1, calls.GetValueOrDefault(c.CorrelationId.ToString())));
        Assert.Empty(commands.SelectMany(c => fleet.Events.For(c.CorrelationId)).OfType<TrackFailed>());
        var runs = await fleet.TimerRunsAsync();
        var all = runs.SelectMany(r => r).ToList();
        Assert.True(all.Count >= 5, $"the timer ran {all.Count} times");
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task With_MaxInFlight_5_two_DevHosts_never_have_more_than_5_tasks_open_at_MusicAPI_and_complete_all_50_commands()
    {
        await using var fleet = await DevHostFleet.StartAsync(hosts, instances: 2, spareStorage: 2, new Dictionary<string, string?> { ["MusicApi:MaxInFlight"] = "5" });
        var commands = Enumerable.Range(0, 50).Select(i => new ExtendTrackCommand(Guid.NewGuid(), $"clip-{i}", 1, Length: 1)).ToList();

        await Task.WhenAll(commands.Select(c => fleet.Events.Publisher.Publish(c)));
        var waiting = await FirstWaitingStatusAsync(fleet, commands);
        foreach (var command in commands)
        {
            await fleet.Events.WaitForAsync<TrackStored>(command.CorrelationId, TimeSpan.FromSeconds(180));
        }

        Assert.Equal("MaxInFlight", waiting.GetProperty("reason").GetString());
        Assert.Contains("MaxInFlight (5)", waiting.GetProperty("message").GetString(), StringComparison.Ordinal);
        var (open, peak) = fleet.Sandbox.OpenTasks;
        Assert.InRange(peak, 2, 5);
        Assert.Equal(0, open);
        Assert.Equal(50, fleet.Sandbox.Tasks.Count);
        Assert.Empty(commands.SelectMany(c => fleet.Events.For(c.CorrelationId)).OfType<TrackFailed>());
    }

    /// <summary>The status route of a task held back, as a client polling it sees it.</summary>
    private static async Task<JsonElement> FirstWaitingStatusAsync(DevHostFleet fleet, IReadOnlyList<ExtendTrackCommand> commands)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("x-functions-key", MusicEventsHosts.FunctionKey);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var command in commands.Reverse())
            {
                using var response = await http.GetAsync(new Uri(fleet.Hosts[0].Url, $"/api/tracks/{command.CorrelationId:D}"));
                if (response.IsSuccessStatusCode
                    && (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("waiting", out var waiting)
                    && waiting.ValueKind == JsonValueKind.Object)
                {
                    return waiting;
                }
            }
        }

        throw new TimeoutException("No task's status showed it waiting.");
    }
}
