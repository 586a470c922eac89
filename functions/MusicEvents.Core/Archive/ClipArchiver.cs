using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Streams one clip's audio into <c>{CorrelationId}/{ClipId}.{ext}</c>: staged in blocks, several at
/// once while the download goes on and the bytes are hashed, committed only at the end and only if the blob does not exist yet, so no reader ever
/// sees a partial blob and a redelivery finds the finished one. Usable on its own (a benchmark, a
/// tool): AddArchive, a BlobServiceClient and an IHostEnvironment are all it needs, and the
/// container must exist (StorageInitializer creates it in the hosts).
/// </summary>
public sealed partial class ClipArchiver(
    IHttpClientFactory httpClients,
    BlobServiceClient blobs,
    AudioSourceGuard guard,
    IOptions<ArchiveOptions> options,
    TimeProvider time,
    ILogger<ClipArchiver> logger) : IClipArchiver
{
    public const string HttpClientName = "archive";

    public async Task<TrackStored> ArchiveAsync(Guid correlationId, string taskId, CompletedClip clip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var container = blobs.GetBlobContainerClient(options.Value.Container);
        if (await StoredClips.FindAsync(container, correlationId, clip.ClipId, cancellationToken) is { } stored)
        {
            LogAlreadyStored(logger, clip.ClipId, correlationId);
            return stored;
        }

        if (!Uri.TryCreate(clip.AudioUrl, UriKind.Absolute, out var url))
        {
            throw new AudioSourceRefusedException(AudioSourceRule.Scheme, "the audio URL is not an absolute URL");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DownloadAndCommitAsync(container, correlationId, taskId, clip.ClipId, url, cancellationToken);
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken) && attempt < options.Value.Attempts)
            {
                LogRetrying(logger, exception, clip.ClipId, attempt);
            }
        }
    }

    private async Task<TrackStored> DownloadAndCommitAsync(
        BlobContainerClient container, Guid correlationId, string taskId, string clipId, Uri url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (response, mediaType, extension) = await AudioFetcher.OpenAsync(
            httpClients.CreateClient(HttpClientName), guard, url, settings, time, cancellationToken);
        using (response)
        {
            var blob = container.GetBlockBlobClient(StoredClips.Prefix(correlationId, clipId) + extension);
            await using var source = new PaceGuardedStream(await response.Content.ReadAsStreamAsync(cancellationToken), settings, time);
            var staged = await BlockStager.StageAsync(
                blob, source, settings.BlockBytes, settings.BlocksInFlight, settings.MaxBytes, cancellationToken);
            if (response.Content.Headers.ContentLength is { } expected && expected != staged.Size)
            {
                throw new IOException($"the audio ended after {staged.Size} of {expected} bytes");
            }

            var metadata = new Dictionary<string, string>
            {
                [StoredClips.CorrelationIdKey] = correlationId.ToString("D"),
                [StoredClips.TaskIdKey] = taskId,
                [StoredClips.ClipIdKey] = StoredClips.SafeName(clipId),

                // Without the query: a signed CDN URL's token has no business outliving the download.
                [StoredClips.SourceUrlKey] = url.GetLeftPart(UriPartial.Path),
                [StoredClips.Sha256Key] = staged.Sha256,
            };
            try
            {
                await blob.CommitBlockListAsync(staged.BlockIds, new CommitBlockListOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = mediaType },
                    Metadata = metadata,
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                }, cancellationToken);
                LogStored(logger, clipId, correlationId, staged.Size);
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Someone committed it first (a redelivery on another instance): theirs is the stored one.
                LogAlreadyStored(logger, clipId, correlationId);
            }

            return await StoredClips.FindAsync(container, correlationId, clipId, cancellationToken)
                ?? throw new IOException("the blob was committed but could not be listed back");
        }
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && exception switch
        {
            AudioSourceRefusedException refused => refused.WorthAnotherAttempt,
            HttpRequestException { StatusCode: { } status } => (int)status is 408 or 429 or >= 500,
            HttpRequestException or IOException or OperationCanceledException => true,
            // A block damaged on the way, refused on its MD5: the next attempt sends it again.
            RequestFailedException failed => failed.Status is 408 or 429 or >= 500 || failed.ErrorCode == BlobErrorCode.Md5Mismatch,
            _ => false,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {ClipId} for {CorrelationId}: {SizeBytes} bytes")]
    private static partial void LogStored(ILogger logger, string clipId, Guid correlationId, long sizeBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ClipId} of {CorrelationId} is already stored")]
    private static partial void LogAlreadyStored(ILogger logger, string clipId, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archiving {ClipId} failed on attempt {Attempt}: starting again")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string clipId, int attempt);
}
