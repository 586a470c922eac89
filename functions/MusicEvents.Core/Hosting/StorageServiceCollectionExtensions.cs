using Azure.Identity;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Table and Blob clients from AzureWebJobsStorage: a connection string, or (identity form,
    /// <see cref="StorageConnection"/>) the service URIs with DefaultAzureCredential, which is the
    /// app's managed identity in Azure.
    /// </summary>
    public static IServiceCollection AddTrackStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageConnection.From(configuration);
        services.AddAzureClients(clients =>
        {
            if (storage.ConnectionString is { } connectionString)
            {
                clients.AddTableServiceClient(connectionString);
                clients.AddBlobServiceClient(connectionString);
                return;
            }

            clients.AddTableServiceClient(storage.TableServiceUri!);
            clients.AddBlobServiceClient(storage.BlobServiceUri!);
            clients.UseCredential(new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = storage.ClientId }));
        });
        services.AddSingleton(provider => new RecentTrackTasks(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITrackTaskStore, TableTrackTaskStore>();
        services.AddSingleton<TableKeptDeliveries>();
        services.AddSingleton<IKeptDeliveries>(provider => provider.GetRequiredService<TableKeptDeliveries>());
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
