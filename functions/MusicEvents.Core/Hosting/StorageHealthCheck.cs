using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Archive;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// Storage answers: one cheap read on each service MusicEvents writes to (the archive container's
/// properties, the task table's entry in the table list), with the rights the app's identity has.
/// </summary>
public sealed class StorageHealthCheck(BlobServiceClient blobs, TableServiceClient tables, IOptions<ArchiveOptions> archive) : IHealthCheck
{
    public const string Name = "storage";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await blobs.GetBlobContainerClient(archive.Value.Container).GetPropertiesAsync(cancellationToken: timeout.Token);
            await foreach (var _ in tables.QueryAsync(t => t.Name == TableTrackTaskStore.TasksTable, maxPerPage: 1, timeout.Token))
            {
                break;
            }

            return HealthCheckResult.Healthy("blob and table storage answered");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The type only: a storage error's message can carry request URLs.
            return new HealthCheckResult(context.Registration.FailureStatus, $"storage did not answer ({exception.GetType().Name})");
        }
    }
}
