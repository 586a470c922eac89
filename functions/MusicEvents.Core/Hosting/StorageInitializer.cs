using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Archive;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Hosting;

/// <summary>Creates the tables and the container once at start, so no request path has to.</summary>
public sealed class StorageInitializer(TableServiceClient tables, BlobServiceClient blobs, IOptions<ArchiveOptions> archive) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in (string[])[TableTrackTaskStore.TasksTable, TableSubmissionGate.TableName])
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (var container in (string[])[archive.Value.Container, TableKeptDeliveries.BodyContainer])
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
