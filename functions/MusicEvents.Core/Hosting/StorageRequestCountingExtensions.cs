using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace MusicEvents.Core.Hosting;

public static class StorageRequestCountingExtensions
{
    /// <summary>Adds <see cref="StorageRequestCounter"/> to the pipeline of every Azure client registered through AddAzureClients.</summary>
    public static IServiceCollection AddStorageRequestCounting(this IServiceCollection services)
    {
        services.AddSingleton<StorageRequestCounter>();
        services.AddAzureClients(clients => clients.ConfigureDefaults((ClientOptions options, IServiceProvider provider) =>
            options.AddPolicy(provider.GetRequiredService<StorageRequestCounter>(), HttpPipelinePosition.PerRetry)));
        return services;
    }
}
