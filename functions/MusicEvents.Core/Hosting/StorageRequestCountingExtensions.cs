using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace MusicEvents.Core.Hosting;

public static class StorageRequestCountingExtensions
{
    /// <summary>
    /// Adds <see cref="StorageRequestCounter"/>'s policy to the pipeline of every Azure client
    /// registered through AddAzureClients, each counting under its own client's service.
    /// </summary>
    public static IServiceCollection AddStorageRequestCounting(this IServiceCollection services)
    {
        services.AddSingleton<StorageRequestCounter>();
        services.AddAzureClients(clients => clients.ConfigureDefaults((ClientOptions options, IServiceProvider provider) =>
            options.AddPolicy(provider.GetRequiredService<StorageRequestCounter>().PolicyFor(options), HttpPipelinePosition.PerRetry)));
        return services;
    }
}
