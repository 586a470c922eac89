using MusicEvents.Core.Hosting;
using MusicEvents.DevHost.OpenApi;
using MusicEvents.Functions.Tracks;

namespace MusicEvents.DevHost;

/// <summary>
/// Serves the Functions app's own function classes on plain Kestrel and runs its timers, for
/// machines without Azure Functions Core Tools and for end-to-end tests.
/// </summary>
public static class DevHostApp
{
    public const string HealthPath = "/devhost/health";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMusicEvents(builder.Configuration);
        builder.Services.AddStorageRequestCounting();

        var catalog = FunctionCatalog.Discover(typeof(ExtendTrack).Assembly);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<FunctionKeyCheck>();
        builder.Services.AddHostedService<TimerFunctionRunner>();
        builder.Services.AddHealthChecks();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHttpFunctions(catalog);

        // Healthy once the bus is connected and its endpoints are ready (MassTransit's own checks),
        // so that scripts and tests can wait for a host that really consumes.
        app.MapHealthChecks(HealthPath);
        app.MapBaselineEndpoints();
        app.MapOpenApiDocument(catalog);
        return app;
    }
}
