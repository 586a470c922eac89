using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Submission;

/// <summary>
/// The submission gate on Azurite, with a MusicAPI key of its own per test (so a partition of its
/// own): what each step costs in requests, counted by the same pipeline policy as the DevHost's,
/// and what its transactions guarantee.
/// </summary>
public sealed class TableSubmissionGateTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Entering_costs_one_query_and_one_transaction_and_a_final_tasks_release_one_transaction_that_lists_it_finished()
    {
        var (gate, counter) = await GateAsync();
        var task = Guid.NewGuid();

        var entering = await RequestsAsync(counter, () => gate.TryEnterAsync(task, Now, CancellationToken.None));
        Assert.Equal(task, Assert.Single(await gate.ListPlacesAsync(CancellationToken.None).ToListAsync()).Holder);
        var finishing = await RequestsAsync(counter, () => gate.FinishAsync(task, Now.AddSeconds(5), charged: true, CancellationToken.None));

        Assert.Equal((2, 1), (entering, finishing));
        Assert.Empty(await gate.ListPlacesAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(new FinishedTask(task, Now.AddSeconds(5)), Assert.Single(await gate.ListFinishedAsync(Now.AddMinutes(1), CancellationToken.None).ToListAsync()));
    }

    [Fact]
    public async Task The_releases_of_50_tasks_finishing_at_once_share_a_few_transactions()
    {
        var (gate, counter) = await GateAsync(maxInFlight: 100);
        var tasks = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        foreach (var task in tasks)
        {
            Assert.IsType<GateDecision.Entered>(await gate.TryEnterAsync(task, Now, CancellationToken.None));
        }

        var requests = await RequestsAsync(counter, () => Task.WhenAll(tasks.Select(t => gate.FinishAsync(t, Now, charged: true, CancellationToken.None))));

        // One transaction each would be 50. The first release goes at once, alone; those that come
        // while it is on its way share the next (100 operations hold all of them). How many arrive
        // in time is the scheduler's, and the SDK's retries count too: 6 were seen on a busy machine.
        Assert.InRange(requests, 1, 10);
        Assert.Empty(await gate.ListPlacesAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(tasks.Order(), (await gate.ListFinishedAsync(Now.AddMinutes(1), CancellationToken.None).ToListAsync()).Select(f => f.CorrelationId).Order());
    }

    [Fact]
    public async Task Two_instances_taking_places_at_once_never_take_more_than_MaxInFlight()
    {
        var baseUrl = $"http://musicapi-{Guid.NewGuid():N}.test";
        var (first, _) = await GateAsync(maxInFlight: 5, baseUrl: baseUrl);
        var (second, _) = await GateAsync(maxInFlight: 5, baseUrl: baseUrl);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? first : second).TryEnterAsync(Guid.NewGuid(), Now, CancellationToken.None)));

        var places = await first.ListPlacesAsync(CancellationToken.None).ToListAsync();
        Assert.Equal(5, decisions.Count(d => d is GateDecision.Entered));
        Assert.Equal(5, places.Select(p => p.Slot).Distinct().Count());
        Assert.All(places, p => Assert.InRange(p.Slot, 0, 4));
    }

    [Fact]
    public async Task A_MusicAPI_key_rotated_keeps_the_places_and_the_finished_list_where_the_timer_reads_them()
    {
        var baseUrl = $"http://musicapi-{Guid.NewGuid():N}.test";
        var (before, _) = await GateAsync(baseUrl: baseUrl, apiKey: "key-before-rotation");
        var (open, finished) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.IsType<GateDecision.Entered>(await before.TryEnterAsync(open, Now, CancellationToken.None));
        await before.RecordFinishedAsync(finished, Now, CancellationToken.None);

        var (after, _) = await GateAsync(baseUrl: baseUrl, apiKey: "key-after-rotation");

        Assert.Equal([open], (await after.ListPlacesAsync(CancellationToken.None).ToListAsync()).Select(p => p.Holder));
        Assert.Equal([finished], (await after.ListFinishedAsync(Now.AddMinutes(1), CancellationToken.None).ToListAsync()).Select(f => f.CorrelationId));
    }

    [Fact]
    public async Task The_timer_frees_a_place_only_at_the_version_it_listed_and_lists_a_final_holder_as_finished_with_it()
    {
        var (gate, _) = await GateAsync();
        var task = Guid.NewGuid();
        await gate.TryEnterAsync(task, Now.AddMinutes(-5), CancellationToken.None);
        var listed = Assert.Single(await gate.ListPlacesAsync(CancellationToken.None).ToListAsync());

        // Its command came again and took its own place anew before the timer freed it.
        Assert.IsType<GateDecision.Entered>(await gate.TryEnterAsync(task, Now, CancellationToken.None));
        Assert.False(await gate.FreeAsync(listed, null, CancellationToken.None));
        var current = Assert.Single(await gate.ListPlacesAsync(CancellationToken.None).ToListAsync());
        Assert.True(current.Since > listed.Since, $"taken anew at {current.Since:O}, listed at {listed.Since:O}");

        Assert.True(await gate.FreeAsync(current, Now.AddSeconds(1), CancellationToken.None));
        Assert.Empty(await gate.ListPlacesAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(task, Assert.Single(await gate.ListFinishedAsync(Now.AddMinutes(1), CancellationToken.None).ToListAsync()).CorrelationId);
    }

    [Fact]
    public async Task A_final_answer_not_charged_gives_its_place_and_its_credits_back_to_its_day()
    {
        var (gate, _) = await GateAsync(budget: 24);
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await gate.TryEnterAsync(first, Now, CancellationToken.None);
        await gate.TryEnterAsync(second, Now, CancellationToken.None);
        Assert.IsType<GateDecision.Waits>(await gate.TryEnterAsync(third, Now, CancellationToken.None));

        await gate.FinishAsync(first, Now, charged: false, CancellationToken.None);

        Assert.IsType<GateDecision.Entered>(await gate.TryEnterAsync(third, Now, CancellationToken.None));
        Assert.Equal(first, Assert.Single(await gate.ListFinishedAsync(Now.AddMinutes(1), CancellationToken.None).ToListAsync()).CorrelationId);
    }

    [Fact]
    public async Task A_task_found_holding_no_place_is_listed_as_finished_on_its_own_and_forgotten_when_retention_is_done_with_it()
    {
        var (gate, _) = await GateAsync();
        var task = Guid.NewGuid();

        await gate.FinishAsync(task, Now, charged: true, CancellationToken.None);
        var finished = Assert.Single(await gate.ListFinishedAsync(Now.AddMinutes(1), CancellationToken.None).ToListAsync());
        Assert.Empty(await gate.ListFinishedAsync(Now, CancellationToken.None).ToListAsync());
        await gate.ForgetFinishedAsync([finished], CancellationToken.None);

        Assert.Equal(task, finished.CorrelationId);
        Assert.Empty(await gate.ListFinishedAsync(Now.AddMinutes(1), CancellationToken.None).ToListAsync());
    }

    /// <summary>A gate of its own (its MusicAPI URL is new unless given), on a client whose requests are counted.</summary>
    private static async Task<(TableSubmissionGate Gate, StorageRequestCounter Counter)> GateAsync(
        int maxInFlight = 20, int? budget = null, string? baseUrl = null, string? apiKey = null)
    {
        var counter = new StorageRequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter.PolicyFor(options), HttpPipelinePosition.PerRetry);
        var tables = new TableServiceClient(TestEnvironment.Storage, options);
        await tables.CreateTableIfNotExistsAsync(TableSubmissionGate.TableName);
        var musicApi = new MusicApiOptions
        {
            BaseUrl = baseUrl ?? $"http://musicapi-{Guid.NewGuid():N}.test",
            ApiKey = apiKey ?? $"key-{Guid.NewGuid():N}",
            MaxInFlight = maxInFlight,
            DailyCreditBudget = budget,
        };
        return (new TableSubmissionGate(tables, Options.Create(musicApi)), counter);
    }

    private static async Task<long> RequestsAsync(StorageRequestCounter counter, Func<Task> step)
    {
        var before = counter.Snapshot().TableTotal;
        await step();
        return counter.Snapshot().TableTotal - before;
    }
}
