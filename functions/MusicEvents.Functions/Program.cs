using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Telemetry;

return ConfiguredHost.Run(() =>
{
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.ConfigureFunctionsWebApplication();
    builder.Services.AddMusicEvents(builder.Configuration);
    if (TelemetryServiceCollectionExtensions.IsExporting(builder.Configuration))
    {
        // The Functions host's trace context becomes the parent of the worker's spans (host.json: telemetryMode).
        builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();
    }

    return builder.Build();
});
