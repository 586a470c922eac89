using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Telemetry;
using MusicEvents.DevHost.OpenApi;
using OpenTelemetry;
using OpenTelemetry.Trace;
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
        // appsettings.json (log levels, timestamps) is read from beside the DLL, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(DevHostApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddMusicEvents(builder.Configuration);
        builder.Services.AddStorageRequestCounting();
        if (builder.Configuration["DevHost:SpanFile"] is { Length: > 0 } spanFile)
        {
            // ./dev demo's waterfall: every span, written as it ends.
            builder.Services.AddMusicEventsTelemetryExport(traces: t => t.AddProcessor(new SimpleActivityExportProcessor(new SpanFileExporter(spanFile))));
        }

        var catalog = FunctionCatalog.Discover(typeof(ExtendTrack).Assembly);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<FunctionKeyCheck>();
        builder.Services.AddSingleton<TimerRunLease>();
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
        app.MapOpenApiDocument(catalog);
        return app;
    }
}
