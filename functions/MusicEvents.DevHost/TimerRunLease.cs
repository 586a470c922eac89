using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace MusicEvents.DevHost;

/// <summary>
/// One run per occurrence of a timer function, however many DevHosts share the storage account, as
/// the Functions host does for its timers: a blob per function, leased by the instance that runs an
/// occurrence and marked with the last occurrence run. Another instance finds the lease taken or
/// the occurrence marked, and skips it.
/// </summary>
public sealed partial class TimerRunLease(BlobServiceClient blobs, IConfiguration configuration, ILogger<TimerRunLease> logger)
{
    public const string Container = "devhost-timers";
    private const string LastRunKey = "lastrun";
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    private readonly List<DateTime> runs = [];

    /// <summary>The occurrences this instance ran, oldest first (GET /devhost/timer-runs).</summary>
    public IReadOnlyList<DateTime> Runs
    {
        get { lock (runs) { return [.. runs]; } }
    }

    /// <returns>Whether this instance ran <paramref name="run"/> for <paramref name="occurrence"/>.</returns>
    public async Task<bool> RunOnceAsync(string function, DateTime occurrence, Func<Task> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var blob = await BlobOfAsync(function, cancellationToken);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false; // another instance runs it
        }

        var conditions = new BlobRequestConditions { LeaseId = lease.LeaseId };
        try
        {
            var properties = await blob.GetPropertiesAsync(conditions, cancellationToken);
            var stamp = occurrence.ToString("O", CultureInfo.InvariantCulture);
            if (properties.Value.Metadata.TryGetValue(LastRunKey, out var last) && string.CompareOrdinal(last, stamp) >= 0)
            {
                return false; // run already
            }

            using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewal = RenewAsync(lease, renewing.Token);
            try
            {
                await run();
            }
            finally
            {
                await renewing.CancelAsync();
                await renewal;
            }

            await blob.SetMetadataAsync(new Dictionary<string, string> { [LastRunKey] = stamp }, conditions, cancellationToken);
            lock (runs)
            {
                runs.Add(occurrence);
            }

            return true;
        }
        finally
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
    }

    private async Task<BlobClient> BlobOfAsync(string function, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        // Per host (DevHost:HostId, as the Functions host's locks are per app): DevHosts serving other brokers do not share runs.
        var blob = container.GetBlobClient($"{configuration["DevHost:HostId"] ?? "devhost"}/{function}");
        try
        {
            await blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // There already (leased, or written by another instance).
        }

        return blob;
    }

    private async Task RenewAsync(BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseDuration / 3, cancellationToken);
                await lease.RenewAsync(cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
        catch (RequestFailedException exception)
        {
            LogRenewalFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer run's lease could not be renewed: another instance may run the next occurrence early")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);
}
