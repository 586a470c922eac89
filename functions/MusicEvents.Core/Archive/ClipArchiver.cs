using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Streams one clip's audio into <c>{CorrelationId}/{ClipId}.{ext}</c>: staged block by block while
/// hashing, committed only at the end and only if the blob does not exist yet, so no reader ever
/// sees a partial blob and a redelivery finds the finished one.
/// </summary>
public sealed partial class ClipArchiver(
    IHttpClientFactory httpClients,
    BlobServiceClient blobs,
    AudioSourceGuard guard,
    IOptions<ArchiveOptions> options,
    TimeProvider time,
    ILogger<ClipArchiver> logger)
{
    public const string HttpClientName = "archive";
    private const int MaxRedirects = 5;

    public async Task<TrackStored> ArchiveAsync(Guid correlationId, string taskId, CompletedClip clip, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(options.Value.Container);
        var prefix = $"{correlationId:D}/{SafeName(clip.ClipId)}.";
        if (await FindStoredAsync(container, prefix, clip.ClipId, cancellationToken) is { } stored)
        {
            return stored;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DownloadAndCommitAsync(container, prefix, correlationId, taskId, clip, cancellationToken);
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken) && attempt < options.Value.Attempts)
            {
                LogRetrying(logger, exception, clip.ClipId, attempt);
            }
        }
    }

    private async Task<TrackStored> DownloadAndCommitAsync(
        BlobContainerClient container, string prefix, Guid correlationId, string taskId, CompletedClip clip, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(new Uri(clip.AudioUrl), cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var extension = AudioContentTypes.ExtensionOf(mediaType)
            ?? throw new AudioSourceRefusedException($"content type '{mediaType}' is not audio");
        if (response.Content.Headers.ContentLength > options.Value.MaxBytes)
        {
            throw new AudioSourceRefusedException($"audio of {response.Content.Headers.ContentLength} bytes is over Archive:MaxBytes ({options.Value.MaxBytes})");
        }

        var blob = container.GetBlockBlobClient(prefix + extension);
        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        var (blockIds, size, sha256) = await StageAsync(blob, source, cancellationToken);
        if (response.Content.Headers.ContentLength is { } expected && expected != size)
        {
            throw new IOException($"the audio ended after {size} of {expected} bytes");
        }

        var metadata = new Dictionary<string, string>
        {
            ["correlation_id"] = correlationId.ToString("D"),
            ["task_id"] = taskId,
            ["clip_id"] = SafeName(clip.ClipId),
            ["source_url"] = new Uri(clip.AudioUrl).AbsoluteUri,
            ["sha256"] = sha256,
        };
        try
        {
            await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = mediaType },
                Metadata = metadata,
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Someone committed it first: theirs is the stored one.
            return await FindStoredAsync(container, prefix, clip.ClipId, cancellationToken)
                ?? throw new IOException("the blob exists but could not be read back", exception);
        }

        LogStored(logger, clip.ClipId, correlationId, size);
        return new TrackStored(correlationId, taskId, clip.ClipId, blob.Uri, mediaType!, size, sha256, time.GetUtcNow());
    }

    private async Task<(List<string> BlockIds, long Size, string Sha256)> StageAsync(BlockBlobClient blob, Stream source, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[options.Value.BlockBytes];
        var blockIds = new List<string>();
        long size = 0;
        while (true)
        {
            var filled = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (filled == 0)
            {
                break;
            }

            size += filled;
            if (size > options.Value.MaxBytes)
            {
                throw new AudioSourceRefusedException($"audio is over Archive:MaxBytes ({options.Value.MaxBytes})");
            }

            hash.AppendData(buffer, 0, filled);
            var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{blockIds.Count:D8}"));
            using var block = new MemoryStream(buffer, 0, filled, writable: false);
            await blob.StageBlockAsync(blockId, block, cancellationToken: cancellationToken);
            blockIds.Add(blockId);
        }

        return (blockIds, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>GET that follows redirects itself, checking every hop against the guard.</summary>
    private async Task<HttpResponseMessage> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        for (var hop = 0; ; hop++)
        {
            guard.CheckUrl(url);
            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException exception) when (exception.InnerException is AudioSourceRefusedException refused)
            {
                throw refused;
            }

            if (response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest && response.Headers.Location is { } next)
            {
                response.Dispose();
                if (hop >= MaxRedirects)
                {
                    throw new AudioSourceRefusedException($"more than {MaxRedirects} redirects");
                }

                url = next.IsAbsoluteUri ? next : new Uri(url, next);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                response.Dispose();
                throw new HttpRequestException($"the audio URL answered {(int)status}", null, status);
            }

            return response;
        }
    }

    private static async Task<TrackStored?> FindStoredAsync(BlobContainerClient container, string prefix, string clipId, CancellationToken cancellationToken)
    {
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = prefix }, cancellationToken))
        {
            var m = item.Metadata;
            return new TrackStored(
                Guid.Parse(m["correlation_id"]),
                m["task_id"],
                clipId,
                container.GetBlobClient(item.Name).Uri,
                item.Properties.ContentType,
                item.Properties.ContentLength ?? 0,
                m["sha256"],
                item.Properties.CreatedOn ?? DateTimeOffset.UtcNow);
        }

        return null;
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && exception switch
        {
            AudioSourceRefusedException => false,
            HttpRequestException { StatusCode: { } status } => (int)status is 408 or 429 or >= 500,
            HttpRequestException or IOException or OperationCanceledException => true,
            RequestFailedException failed => failed.Status is 408 or 429 or >= 500,
            _ => false,
        };

    private static string SafeName(string clipId) => UnsafeCharacters().Replace(clipId, "_");

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {ClipId} for {CorrelationId}: {SizeBytes} bytes")]
    private static partial void LogStored(ILogger logger, string clipId, Guid correlationId, long sizeBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Archiving {ClipId} failed on attempt {Attempt}: starting again")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string clipId, int attempt);
}
