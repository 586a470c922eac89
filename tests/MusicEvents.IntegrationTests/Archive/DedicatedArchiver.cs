using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MusicEvents.Core.Archive;
using MusicEvents.Core.Hosting;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// A ClipArchiver of the test's own (AddArchive, as the hosts register it) on the same Azurite,
/// for settings the shared DevHost must not have: another environment, a tiny cap, more hosts.
/// </summary>
public sealed class DedicatedArchiver : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly AsyncServiceScope scope;

    public DedicatedArchiver(string environmentName, params (string Key, string Value)[] archiveSettings)
        : this(new BlobClientOptions(), environmentName, archiveSettings)
    {
    }

    /// <param name="blobOptions">The blob client's options, for a pipeline policy of the test's own.</param>
    public DedicatedArchiver(BlobClientOptions blobOptions, string environmentName, params (string Key, string Value)[] archiveSettings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(archiveSettings.Select(s => new KeyValuePair<string, string?>($"Archive:{s.Key}", s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            EnvironmentName = environmentName,
            ApplicationName = "MusicEvents.IntegrationTests",
            ContentRootPath = AppContext.BaseDirectory,
        });
        services.AddSingleton(new BlobServiceClient(TestEnvironment.Storage, blobOptions));
        services.AddArchive(configuration);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        scope = provider.CreateAsyncScope();
        Archiver = scope.ServiceProvider.GetRequiredService<ClipArchiver>();
    }

    public ClipArchiver Archiver { get; }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await provider.DisposeAsync();
    }
}
