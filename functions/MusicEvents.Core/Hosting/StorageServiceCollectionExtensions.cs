using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.Core.Tracking;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.Core.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Table and Blob clients from AzureWebJobsStorage (a connection string).</summary>
    public static IServiceCollection AddTrackStorage(this IServiceCollection services, IConfiguration configuration)
    {
        StorageSetting.ThrowIfUnusable(configuration);
        var connectionString = configuration[StorageSetting.Key]
            ?? throw new ConfigurationRefusedException($"{StorageSetting.Key}: identity-based storage is not supported by this build; set a connection string.");

        services.AddAzureClients(clients =>
        {
            clients.AddTableServiceClient(connectionString);
            clients.AddBlobServiceClient(connectionString);
        });
        services.AddSingleton<ITrackTaskStore, TableTrackTaskStore>();
        services.AddSingleton<IWebhookInbox, TableWebhookInbox>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
