using System.Diagnostics.Metrics;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MusicEvents.Core.Archive;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Messaging;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Reconciliation;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Tracking;
using MusicEvents.Core.Webhooks;
using MusicEvents.Tests.MusicApi;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>
/// Every consumer of MusicEvents, registered as the hosts register them, on MassTransit's in-memory
/// test harness, with the in-memory store and inbox, a fake archiver, a stub MusicAPI and a frozen
/// clock. Optional publish filters make the broker fail the way a test needs.
/// </summary>
internal sealed class LifecycleHarness : IAsyncDisposable
{
    public const string MasterKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    // Longer than the consumers' first retry interval, so a retry in progress counts as activity.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(400);
    private readonly ServiceProvider provider;

    private LifecycleHarness(ServiceProvider provider, InMemoryTrackTaskStore store)
    {
        this.provider = provider;
        Store = store;
    }

    public ITestHarness MassTransit => provider.GetRequiredService<ITestHarness>();
    public InMemoryTrackTaskStore Store { get; }
    public InMemorySubmissionGate Gate => (InMemorySubmissionGate)provider.GetRequiredService<ISubmissionGate>();
    public FakeClipArchiver Archiver { get; } = new();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>This harness's own meters (a meter factory per service provider, so parallel tests do not mix).</summary>
    public IMeterFactory Meters => provider.GetRequiredService<IMeterFactory>();

    /// <param name="musicApi">What MusicAPI answers, in order (the stub repeats the last).</param>
    /// <param name="publishFilters">Filters on every publish, e.g. <see cref="FailFirstPublish{T}"/>.</param>
    public static Task<LifecycleHarness> StartAsync(StubHandler? musicApi = null, params IFilter<PublishContext>[] publishFilters) =>
        StartAsync(musicApi, new Dictionary<string, string?>(), null, publishFilters);

    /// <param name="settings">Configuration beside (or over) the harness's own, e.g. MusicApi:MaxInFlight.</param>
    /// <param name="store">The records of an earlier harness, as a process started again finds them in storage.</param>
    public static async Task<LifecycleHarness> StartAsync(
        StubHandler? musicApi, IReadOnlyDictionary<string, string?> settings, InMemoryTrackTaskStore? store, params IFilter<PublishContext>[] publishFilters)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = new ServiceCollection();
        LifecycleHarness? harness = null;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MusicApi:BaseUrl"] = "http://musicapi.test",
            ["MusicApi:ApiKey"] = "stub-key",
            ["MusicApi:WebhookUrl"] = "http://musicevents.test/api/webhooks/musicapi",
            ["MusicApi:WebhookMasterKeys:0"] = MasterKey,
            ["MusicApi:TransientRetries"] = "0",
            ["Reconciliation:Schedule"] = "*/1 * * * * *",
            ["Reconciliation:OverdueAfter"] = "00:10:00",
            ["Reconciliation:GiveUpAfter"] = "02:00:00",
        }).AddInMemoryCollection(settings).Build();

        services.AddLogging();
        services.AddSingleton<TimeProvider>(_ => harness!.Clock);
        services.AddSingleton<ITrackTaskStore>(_ => harness!.Store);
        services.AddSingleton<IKeptDeliveries>(_ => harness!.Store);
        services.AddSingleton<IClipArchiver>(_ => harness!.Archiver);
        services.AddSingleton<ISubmissionGate, InMemorySubmissionGate>();
        services.AddSingleton<StoppableLifetime>();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(p => p.GetRequiredService<StoppableLifetime>());
        services.AddMusicApi(configuration);
        services.AddHttpClient<MusicApiClient>().ConfigurePrimaryHttpMessageHandler(() => musicApi ?? new StubHandler(StubHandler.Status(500)));
        services.AddLifecycle();
        services.AddSubmission();
        services.AddWebhooks();
        services.AddReconciliation(configuration);
        services.Configure<TestHarnessOptions>(o =>
        {
            o.TestTimeout = TimeSpan.FromSeconds(20);
            o.TestInactivityTimeout = TimeSpan.FromMilliseconds(500);
        });
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddMusicEventsConsumers();
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigurePublish(publish =>
                {
                    foreach (var filter in publishFilters)
                    {
                        publish.UseFilter(filter);
                    }
                });
                cfg.ConfigureEndpoints(context);
            });
        });

        harness = new LifecycleHarness(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), store ?? new());
        await harness.MassTransit.Start();
        return harness;
    }

    /// <summary>Runs <paramref name="use"/> with a service of a fresh scope, as a function invocation would.</summary>
    public async Task<TResult> InScopeAsync<TService, TResult>(Func<TService, Task<TResult>> use)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(use);
        await using var scope = provider.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Sends the delivery to the webhook function's handler, signed now; the status code it answered.</summary>
    public async Task<int> ReceiveAsync(Webhook delivery, string masterKey = MasterKey)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var result = await InScopeAsync<WebhookHttpHandler, IResult>(h => h.ReceiveAsync(delivery.ToRequest(Clock.GetUtcNow(), masterKey), CancellationToken.None));
        return await result.StatusCodeAsync();
    }

    /// <summary>Puts a claimed record in place with its place in the gate, as a submission leaves it.</summary>
    public async Task<TrackTask> PutClaimedAsync(TrackTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Assert.IsType<GateDecision.Entered>(await Gate.TryEnterAsync(task.CorrelationId, Clock.GetUtcNow(), CancellationToken.None));
        return Store.Put(task);
    }

    /// <summary>One run of the ReconcileTasks timer.</summary>
    public Task<int> ReconcileAsync() => InScopeAsync<TaskReconciler, int>(r => r.ReconcileAsync(CancellationToken.None));

    /// <summary>
    /// The events of <typeparamref name="T"/> the broker took for the task (a publish that failed is
    /// not one), once there are at least <paramref name="atLeast"/> and the harness has gone quiet.
    /// </summary>
    public async Task<IReadOnlyList<T>> PublishedAsync<T>(Guid correlationId, int atLeast = 1)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<T> found;
        while ((found = Taken<T>(correlationId)).Count < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        // Consumers run on the harness's threads: let what is in flight finish before counting again.
        await QuietAsync();
        found = Taken<T>(correlationId);
        Assert.True(found.Count >= atLeast, $"expected at least {atLeast} {typeof(T).Name}, found {found.Count}");
        return found;
    }

    /// <summary>Waits until nothing was published or consumed for a while (a retry's backoff included).</summary>
    public async Task QuietAsync()
    {
        var seen = -1;
        for (var count = Activity(); count != seen; count = Activity())
        {
            seen = count;
            await Task.Delay(QuietPeriod);
        }
    }

    private int Activity() => MassTransit.Published.Select(_ => true).Count() + MassTransit.Consumed.Select(_ => true).Count();

    private List<T> Taken<T>(Guid correlationId)
        where T : class =>
        [.. MassTransit.Published.Select<T>(m => m.Exception is null && Matches(m.Context.Message, correlationId)).Select(m => m.Context.Message)];

    public async ValueTask DisposeAsync()
    {
        provider.GetRequiredService<StoppableLifetime>().StopApplication();
        await MassTransit.Stop();
        await provider.DisposeAsync();
    }

    private static bool Matches(object message, Guid correlationId) =>
        message.GetType().GetProperty("CorrelationId")?.GetValue(message) is Guid id && id == correlationId;
}
