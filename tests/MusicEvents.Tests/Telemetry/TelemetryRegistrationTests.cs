using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.Core.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MusicEvents.Tests.Telemetry;

public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void With_no_exporter_configured_nothing_is_collected_or_exported()
    {
        using var provider = Build([]);

        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
        Assert.NotNull(provider.GetService<MusicEventsMetrics>());
    }

    [Theory]
    [InlineData(TelemetryServiceCollectionExtensions.OtlpEndpointKey, "http://127.0.0.1:4317")]
    [InlineData(TelemetryServiceCollectionExtensions.AzureMonitorKey, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/")]
    public void An_exporter_setting_turns_tracing_and_metrics_on(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddMusicEventsTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
