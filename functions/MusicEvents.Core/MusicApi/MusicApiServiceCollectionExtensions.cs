using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Telemetry;
using Polly;

namespace MusicEvents.Core.MusicApi;

public static class MusicApiServiceCollectionExtensions
{
    public static IServiceCollection AddMusicApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMusicEventsMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<MusicApiMetricsHandler>();
        services.AddOptions<MusicApiOptions>()
            .Bind(configuration.GetSection(MusicApiOptions.SectionName))
            .ValidateDataAnnotationsByKey(MusicApiOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MusicApiOptions>, WebhookMasterKeyRules>());

        var client = services.AddHttpClient<MusicApiClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<MusicApiOptions>>().Value;
            http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/api/v1/");
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            // MusicApiClient applies its own timeout, so that it can tell "sent, no answer" apart.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        client.AddResilienceHandler("musicapi", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<MusicApiOptions>>().Value;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.TransientRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldRetryAfterHeader = true,
                // Polls only: a create call's "not charged" answer is recorded and waited for by the
                // submitter (the wait must survive a restart and not count toward CreateTimeout).
                ShouldHandle = args => ValueTask.FromResult(
                    options.TransientRetries > 0 && args.Context.GetRequestMessage()?.Method == HttpMethod.Get && IsSafeToRetry(args.Outcome)),
            });
        });

        // Added after the resilience handler, so inside it: each attempt is timed on its own.
        client.AddHttpMessageHandler<MusicApiMetricsHandler>();

        return services;
    }

    private static bool IsSafeToRetry(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response
            ? MusicApiErrors.IsTransient(response.StatusCode)
            // A failure to connect means the request never left: safe. Anything later is not.
            : outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
}
