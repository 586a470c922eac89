using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Specialized;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Copies a stream into uncommitted blocks of a block blob, hashing as it goes; refuses as soon as
/// the bytes pass the cap. Reading the next block overlaps with staging the previous ones, with at
/// most <see cref="InFlight"/> + 1 block buffers in memory whatever the size.
/// </summary>
internal static class BlockStager
{
    /// <summary>Blocks being staged while the next one is read: enough to keep both sides busy (3 is no faster).</summary>
    public const int InFlight = 2;

    public static async Task<StagedAudio> StageAsync(
        BlockBlobClient blob, Stream source, int blockBytes, long maxBytes, CancellationToken cancellationToken)
    {
        // Ids unique to this attempt: an attempt that crashed, or another instance working on a
        // redelivery at the same time, can never slip one of its blocks into our list. Same length
        // for all, as Blob Storage requires; uncommitted leftovers vanish at commit (or after a week).
        var attempt = Guid.NewGuid().ToString("N");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var free = new Stack<byte[]>();
        var staging = new Queue<(Task Staged, byte[] Buffer)>();
        var blockIds = new List<string>();
        long size = 0;
        try
        {
            while (true)
            {
                if (staging.Count > InFlight)
                {
                    var (staged, used) = staging.Dequeue();
                    await staged;
                    free.Push(used);
                }

                var buffer = free.Count > 0 ? free.Pop() : new byte[blockBytes];

                // Never ask for more than one byte past the cap, so an endless body is stopped there
                // (compared before adding: the cap may be long.MaxValue).
                var wanted = maxBytes - size < buffer.Length ? (int)(maxBytes - size + 1) : buffer.Length;
                var filled = await source.ReadAtLeastAsync(buffer.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0)
                {
                    break;
                }

                size += filled;
                if (size > maxBytes)
                {
                    throw new AudioSourceRefusedException(AudioSourceRule.MaxBytes, $"the audio went past Archive:MaxBytes ({maxBytes}) while streaming");
                }

                hash.AppendData(buffer, 0, filled);
                var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{attempt}-{blockIds.Count:D6}"));
                blockIds.Add(blockId);
                staging.Enqueue((StageAsync(blob, blockId, buffer, filled, cancellationToken), buffer));
            }

            while (staging.TryDequeue(out var pending))
            {
                await pending.Staged;
            }
        }
        finally
        {
            // On failure, let the stages still running finish (their errors are not the news) before
            // the buffers go: no upload may read memory that is no longer its own.
            await Task.WhenAll(staging.Select(s => s.Staged)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return new StagedAudio(blockIds, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task StageAsync(BlockBlobClient blob, string blockId, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        using var block = new MemoryStream(buffer, 0, count, writable: false);
        await blob.StageBlockAsync(blockId, block, cancellationToken: cancellationToken);
    }
}
