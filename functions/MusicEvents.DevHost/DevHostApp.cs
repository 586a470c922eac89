using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MusicEvents.Core.Hosting;
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

        var catalog = FunctionCatalog.Discover(typeof(ExtendTrack).Assembly);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<FunctionKeyCheck>();
        builder.Services.AddHostedService<TimerFunctionRunner>();
        builder.Services.AddHealthChecks();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapHttpFunctions(catalog);

        // Healthy once the bus is connected, its endpoints are ready (MassTransit's own checks) and
        // storage answers, so that scripts and tests can wait for a host that really consumes.
        // Degraded is 503 too, as on /api/health: a bus that is reconnecting consumes nothing.
        app.MapHealthChecks(HealthPath, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = ServiceHealthHttpHandler.StatusCodeOf(HealthStatus.Healthy),
                [HealthStatus.Degraded] = ServiceHealthHttpHandler.StatusCodeOf(HealthStatus.Degraded),
                [HealthStatus.Unhealthy] = ServiceHealthHttpHandler.StatusCodeOf(HealthStatus.Unhealthy),
            },
        });
        app.MapBaselineEndpoints();
        return app;
    }
}
