using FluentValidation;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MusicEvents.Core.Archive;
using MusicEvents.Core.Messaging;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Reconciliation;
using MusicEvents.Core.Submission;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.Core.Hosting;

/// <summary>Everything MusicEvents does, for any host: the Functions app and the DevHost alike.</summary>
public static class MusicEventsServiceCollectionExtensions
{
    public static IServiceCollection AddMusicEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMusicEventsTelemetry(configuration);
        services.AddMusicApi(configuration);
        services.AddTrackStorage(configuration);
        services.TryAddSingleton<ISubmissionGate, TableSubmissionGate>();
        services.AddMessaging(configuration);
        services.AddLifecycle();
        services.AddSubmission();
        services.AddWebhooks();
        services.AddArchive(configuration);
        services.AddReconciliation(configuration);
        services.AddServiceHealth();
        services.AddShutdownGrace();
        return services;
    }

    /// <summary>GET /api/health's handler and its checks: MassTransit adds the bus's own, this adds storage.</summary>
    public static IServiceCollection AddServiceHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name);
        services.AddScoped<ServiceHealthHttpHandler>();
        return services;
    }

    /// <summary>The stop sequence of <see cref="ShutdownGrace"/>: consumers, then the bus, inside the host's timeout.</summary>
    public static IServiceCollection AddShutdownGrace(this IServiceCollection services)
    {
        services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownGrace.Host);
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.ConsumerStopTimeout = ShutdownGrace.Consumers;
            o.StopTimeout = ShutdownGrace.Bus;
        });
        return services;
    }

    /// <summary>What every consumer that changes a task uses to save it (store itself: AddTrackStorage, or a test's).</summary>
    public static IServiceCollection AddLifecycle(this IServiceCollection services)
    {
        services.AddMusicEventsMetrics();
        services.TryAddSingleton<TrackTaskCommitter>();
        return services;
    }

    public static IServiceCollection AddSubmission(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ExtendTrackCommandValidator>(ServiceLifetime.Singleton, includeInternalTypes: false);
        services.AddScoped<TrackSubmitter>();
        services.AddScoped<TrackRequestHttpHandler>();
        services.AddScoped<TrackStatusHttpHandler>();
        return services;
    }

    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookSignatureVerifier>();
        services.AddScoped<WebhookReportPublisher>();
        services.AddScoped<WebhookHttpHandler>();
        services.AddScoped<WebhookReplayer>();
        services.AddScoped<WebhookDeliveriesHttpHandler>();
        return services;
    }

    /// <summary>
    /// The archive: options (section Archive), the guard, the guarded HTTP client and the archiver.
    /// Needs a BlobServiceClient and an IHostEnvironment from the host (AddTrackStorage gives the former).
    /// </summary>
    public static IServiceCollection AddArchive(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Renamed, and a silent no-op now: say so rather than refuse the sandbox's audio for an unclear reason.
        var legacyKey = configuration.GetSection($"{ArchiveOptions.SectionName}:AllowPrivateNetworks").Exists();
        services.AddOptions<ArchiveOptions>()
            .Bind(configuration.GetSection(ArchiveOptions.SectionName))
            .ValidateDataAnnotationsByKey(ArchiveOptions.SectionName)
            .Validate(
                _ => !legacyKey,
                "Archive:AllowPrivateNetworks is gone: list the hosts that may resolve to internal addresses in Archive:PrivateNetworkHosts (Development only).")
            .Validate(
                o => (long)o.BlockBytes * (o.BlocksInFlight + 1) <= ArchiveOptions.MaxBufferBytesPerClip,
                "Archive:BlockBytes × (Archive:BlocksInFlight + 1), the buffers one clip holds, must be at most 256 MiB.")
            .Validate<IHostEnvironment>(
                (o, environment) => o.PrivateNetworkHosts.Length == 0 || environment.IsDevelopment(),
                "Archive:PrivateNetworkHosts is for a local sandbox: it is refused outside Development.")
            .ValidateOnStart();
        services.AddSingleton<AudioSourceGuard>();
        services.AddHttpClient(ClipArchiver.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(30))
            .ConfigurePrimaryHttpMessageHandler(provider => GuardedAudioHandler.Create(provider.GetRequiredService<AudioSourceGuard>()));
        services.AddScoped<ClipArchiver>();
        services.AddScoped<IClipArchiver>(provider => provider.GetRequiredService<ClipArchiver>());
        return services;
    }

    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationOptions>()
            .Bind(configuration.GetSection(ReconciliationOptions.SectionName))
            .ValidateDataAnnotationsByKey(ReconciliationOptions.SectionName)
            .Validate(o => o.OverdueAfter > TimeSpan.Zero && o.GiveUpAfter > o.OverdueAfter, "Reconciliation:GiveUpAfter must be longer than Reconciliation:OverdueAfter, both positive.")
            // The timer reads it through %Reconciliation:Schedule%: a schedule it cannot parse would end the host later, naming nothing.
            .Validate(
                o => string.IsNullOrWhiteSpace(o.Schedule) || TimerSchedule.TryParse(o.Schedule) is not null,
                "Reconciliation:Schedule must be NCRONTAB with seconds (\"0 */1 * * * *\") or a positive TimeSpan (\"00:01:00\").")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(o => o.FinishedTasks > TimeSpan.Zero, "Retention:FinishedTasks must be positive.")
            .ValidateOnStart();
        services.AddScoped<StorageHousekeeper>();
        services.AddScoped<TaskReconciler>();
        return services;
    }
}
