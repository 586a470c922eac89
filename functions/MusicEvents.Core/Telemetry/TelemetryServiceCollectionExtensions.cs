using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MusicEvents.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    public const string AzureMonitorKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>True when an exporter is configured: only then is anything collected.</summary>
    public static bool IsExporting(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[AzureMonitorKey] is { Length: > 0 } || configuration[OtlpEndpointKey] is { Length: > 0 };
    }

    /// <summary>The <c>MusicEvents</c> meter's instruments, for any host (recorded whether or not anything exports them).</summary>
    public static IServiceCollection AddMusicEventsMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<MusicEventsMetrics>();
        return services;
    }

    /// <summary>
    /// OpenTelemetry for traces, metrics and logs, exported to Azure Monitor when
    /// APPLICATIONINSIGHTS_CONNECTION_STRING is set and by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set
    /// (the OTLP exporter reads the standard OTEL_* variables itself); with neither, nothing is
    /// collected or exported.
    /// </summary>
    public static IServiceCollection AddMusicEventsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMusicEventsMetrics();
        if (configuration[AzureMonitorKey] is { Length: > 0 } connectionString)
        {
            services.AddMusicEventsTelemetryExport(
                traces => traces.AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString),
                metrics => metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = connectionString),
                logs => logs.AddAzureMonitorLogExporter(o => o.ConnectionString = connectionString));
        }

        if (configuration[OtlpEndpointKey] is { Length: > 0 })
        {
            services.AddMusicEventsTelemetryExport(traces => traces.AddOtlpExporter(), metrics => metrics.AddOtlpExporter(), logs => logs.AddOtlpExporter());
        }

        return services;
    }

    /// <summary>
    /// Collects MusicEvents' traces and metrics (its own, ASP.NET Core's, HttpClient's, MassTransit's,
    /// the Azure SDK's, the runtime's) into the given exporters; logs too when a log exporter is given.
    /// Each call adds exporters; the sources are registered once.
    /// </summary>
    public static IServiceCollection AddMusicEventsTelemetryExport(
        this IServiceCollection services,
        Action<TracerProviderBuilder>? traces = null,
        Action<MeterProviderBuilder>? metrics = null,
        Action<LoggerProviderBuilder>? logs = null)
    {
        var telemetry = services.AddOpenTelemetry();
        if (!services.Any(d => d.ServiceType == typeof(SourcesRegistered)))
        {
            services.AddSingleton<SourcesRegistered>();

            // The Azure SDK emits its spans only when asked to.
            AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
            telemetry
                .ConfigureResource(resource => resource.AddService("MusicEvents"))
                .WithTracing(tracing => tracing
                    .AddSource(FlowTrace.SourceName, "MassTransit", "Azure.*")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddProcessor(new FlowTagsProcessor()))
                .WithMetrics(meters => meters
                    .AddMeter(MusicEventsMetrics.MeterName, "MassTransit")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation());
        }

        if (traces is not null)
        {
            telemetry.WithTracing(traces);
        }

        if (metrics is not null)
        {
            telemetry.WithMetrics(metrics);
        }

        if (logs is not null)
        {
            telemetry.WithLogging(logs, options =>
            {
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
            });
        }

        return services;
    }

    /// <summary>Marks that the sources and instrumentations are registered.</summary>
    private sealed class SourcesRegistered;
}
