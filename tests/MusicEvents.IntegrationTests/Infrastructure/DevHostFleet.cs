using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.DevHost;
using MusicEvents.Sandbox;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// Several DevHost processes as Azure runs several instances of the Functions app: one broker
/// (a virtual host of the fleet's own), one storage account (a spare one, so the shared hosts'
/// tasks are not theirs to reconcile), one MusicAPI sandbox of the fleet's own, timers on.
/// </summary>
public sealed class DevHostFleet : IAsyncDisposable
{
    private readonly List<DevHostProcess> hosts = [];
    private WebApplication? sandbox;
    private IsolatedVirtualHost? virtualHost;

    private DevHostFleet(string storage) => Storage = storage;

    public IReadOnlyList<DevHostProcess> Hosts => hosts;
    public SandboxState Sandbox => sandbox!.Services.GetRequiredService<SandboxState>();
    public EventObserver Events { get; private set; } = null!;
    public string Storage { get; }
    public string RabbitMq { get; private set; } = "";

    /// <param name="settings">Configuration over the shared hosts' DevHost settings (e.g. MusicApi:MaxInFlight).</param>
    /// <param name="rabbitMq">A broker of the test's own (a cluster); by default a virtual host of the run's broker.</param>
    /// <param name="observerRabbitMq">Where the observer connects, when not where the DevHosts do (another node of a cluster).</param>
    public static async Task<DevHostFleet> StartAsync(
        MusicEventsHosts shared,
        int instances,
        int spareStorage,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? rabbitMq = null,
        string? observerRabbitMq = null)
    {
        ArgumentNullException.ThrowIfNull(shared);
        var fleet = new DevHostFleet(TestEnvironment.SpareStorage(spareStorage));
        try
        {
            if (rabbitMq is null)
            {
                fleet.virtualHost = await IsolatedVirtualHost.CreateAsync("fleet");
            }

            fleet.RabbitMq = rabbitMq ?? fleet.virtualHost!.ConnectionString;
            fleet.sandbox = SandboxApp.Create(["--urls", "http://127.0.0.1:0"], o =>
            {
                o.ApiKey = MusicEventsHosts.SandboxApiKey;
                o.CompletionDelay = TimeSpan.FromSeconds(1);
                o.InitialCredits = 100_000;
            });
            await fleet.sandbox.StartAsync();
            var sandboxUrl = fleet.sandbox.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            fleet.Events = await EventObserver.StartAsync(observerRabbitMq ?? fleet.RabbitMq);

            // Started one after the other: the first declares the queues, the next find them.
            for (var i = 0; i < instances; i++)
            {
                var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
                var configuration = shared.DevHostSettings(url, fleet.RabbitMq);
                configuration["AzureWebJobsStorage"] = fleet.Storage;
                configuration["MusicApi:BaseUrl"] = sandboxUrl;
                configuration["Logging:LogLevel:Default"] = "Warning";
                foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                {
                    configuration[key] = value;
                }

                fleet.hosts.Add(await DevHostProcess.StartAsync(url, configuration, keepSchedule: true));
            }

            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>The timer occurrences each host ran (GET /devhost/timer-runs).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<DateTime>>> TimerRunsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var runs = new List<IReadOnlyList<DateTime>>();
        foreach (var host in hosts)
        {
            runs.Add(await http.GetFromJsonAsync<List<DateTime>>(new Uri(host.Url, BaselineEndpoints.TimerRunsRoute)) ?? []);
        }

        return runs;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        if (Events is not null)
        {
            await Events.DisposeAsync();
        }

        if (sandbox is not null)
        {
            await sandbox.StopAsync();
            await sandbox.DisposeAsync();
        }

        if (virtualHost is not null)
        {
            await virtualHost.DisposeAsync();
        }
    }
}
