using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using MusicEvents.Core.Telemetry;
using MusicEvents.DevHost;
using OpenTelemetry;
using OpenTelemetry.Trace;
using MusicEvents.Sandbox;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The whole of MusicEvents on real sockets: the MusicAPI sandbox and the DevHost (serving the
/// Functions app's classes and hosting the bus) on loopback ports, against the RabbitMQ and
/// Azurite that `./dev test` started, plus an observer bus on the same broker.
/// </summary>
public sealed class MusicEventsHosts : IAsyncLifetime
{
    public const string FunctionKey = "integration-function-key";
    /// <summary>The key new tasks' secrets derive from.</summary>
    public static readonly string MasterKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key being rotated out: still verifies deliveries of tasks submitted under it.</summary>
    public static readonly string PreviousMasterKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The sandbox's bearer key, for tests that create sandbox tasks (audio) of their own.</summary>
    public static readonly string SandboxApiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private WebApplication? sandbox;
    private WebApplication? devHost;

    public Uri SandboxUrl { get; private set; } = null!;
    public Uri DevHostUrl { get; private set; } = null!;
    public SandboxState Sandbox => sandbox!.Services.GetRequiredService<SandboxState>();
    public EventObserver Events { get; private set; } = null!;
    public TestClock Clock { get; } = new();

    /// <summary>The spans of this run, exported in memory by the in-process DevHost.</summary>
    public SpanCollector Spans { get; } = new();

    /// <summary>The in-process DevHost's services (its meter factory, for instance).</summary>
    public IServiceProvider DevHostServices => devHost!.Services;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public BlobServiceClient Blobs { get; } = new(TestEnvironment.Storage);

    public async Task InitializeAsync()
    {
        sandbox = SandboxApp.Create(["--urls", "http://127.0.0.1:0"], o =>
        {
            o.ApiKey = SandboxApiKey;
            o.CompletionDelay = TimeSpan.FromSeconds(1);
        });
        await sandbox.StartAsync();
        SandboxUrl = BoundAddress(sandbox);

        var port = FreePort.Next();
        DevHostUrl = new Uri($"http://127.0.0.1:{port}");
        devHost = DevHostApp.Create(["--urls", DevHostUrl.ToString(), "--environment", "Development"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(DevHostSettings(DevHostUrl, TestEnvironment.RabbitMq));
            builder.Services.AddSingleton<TimeProvider>(Clock);
            builder.Services.AddMusicEventsTelemetryExport(traces: t => t.AddProcessor(new SimpleActivityExportProcessor(Spans)));
        });
        await devHost.StartAsync();
        Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        await WaitUntilHealthyAsync();
        Events = await EventObserver.StartAsync(TestEnvironment.RabbitMq);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (Events is not null)
        {
            await Events.DisposeAsync();
        }

        foreach (var app in new[] { devHost, sandbox })
        {
            if (app is not null)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    public Uri DevHostRoute(string path) => new(DevHostUrl, path);

    /// <summary>
    /// The answer of GET /api/tracks/{correlationId}, as a client would read it: a task accepted a
    /// moment ago is recorded by its consumer one hop later, so a 404 is asked again for a while.
    /// </summary>
    public async Task<JsonElement> StatusAsync(Guid correlationId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await Http.GetAsync(DevHostRoute($"/api/tracks/{correlationId:D}"));
            if (response.StatusCode != System.Net.HttpStatusCode.NotFound || DateTime.UtcNow > deadline)
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The DevHost's configuration against this run's servers, for the in-process host and for
    /// DevHost processes that tests start and kill. Reconciliation runs every second on short
    /// windows, so that lost webhooks and stuck tasks show within a test's patience.
    /// </summary>
    public Dictionary<string, string?> DevHostSettings(Uri devHostUrl, string rabbitMq) => new()
    {
        ["ConnectionStrings:RabbitMq"] = rabbitMq,
        ["AzureWebJobsStorage"] = TestEnvironment.Storage,
        ["Messaging:Transport"] = "RabbitMq",
        ["MusicApi:BaseUrl"] = SandboxUrl.ToString(),
        ["MusicApi:ApiKey"] = SandboxApiKey,
        ["MusicApi:WebhookUrl"] = new Uri(devHostUrl, "/api/webhooks/musicapi").ToString(),
        ["MusicApi:WebhookMasterKeys:0"] = MasterKey,
        ["MusicApi:WebhookMasterKeys:1"] = PreviousMasterKey,
        ["MusicApi:TransientRetries"] = "3",
        ["MusicApi:CreateTimeout"] = "00:00:03",
        ["Archive:AllowedHosts:0"] = "127.0.0.1",

        // Allowed but not a private-network host: it resolves to 127.0.0.1 and must be refused.
        ["Archive:AllowedHosts:1"] = "localhost",
        ["Archive:PrivateNetworkHosts:0"] = "127.0.0.1",
        ["DevHost:FunctionKey"] = FunctionKey,
        ["Reconciliation:Schedule"] = "*/1 * * * * *",
        ["Reconciliation:OverdueAfter"] = "00:00:03",
        ["Reconciliation:GiveUpAfter"] = "00:00:12",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Tests start once the bus is connected: a command published earlier could find no queue yet.</summary>
    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await Http.GetAsync(DevHostRoute(DevHostApp.HealthPath))).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The DevHost's bus did not become healthy within 60 s.");
            }

            await Task.Delay(200);
        }
    }

    private static Uri BoundAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
}
