using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Specialized;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Copies a stream into uncommitted blocks of a block blob, hashing as it goes; refuses as soon as
/// the bytes pass the cap. While the next block is read, up to <c>blocksInFlight</c> blocks are
/// staged at once (a <see cref="StagingWindow"/>), so the download never waits for one upload; the
/// block ids come back in the stream's order whatever order the stages finish in. Buffers come from
/// the shared pool and serve block after block: at most <c>blocksInFlight</c> + 1 whatever the size.
/// </summary>
internal static class BlockStager
{
    public static async Task<StagedAudio> StageAsync(
        BlockBlobClient blob, Stream source, int blockBytes, int blocksInFlight, long maxBytes, CancellationToken cancellationToken)
    {
        // Ids unique to this attempt: an attempt that crashed, or another instance working on a
        // redelivery at the same time, can never slip one of its blocks into our list. Same length
        // for all, as Blob Storage requires; uncommitted leftovers vanish at commit (or after a week).
        var attempt = Guid.NewGuid().ToString("N");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var blockIds = new List<string>();
        long size = 0;
        await using var window = new StagingWindow(blob, blockBytes, blocksInFlight, cancellationToken);
        try
        {
            while (true)
            {
                var buffer = window.Rent();

                // Never ask for more than one byte past the cap, so an endless body is stopped there
                // (compared before adding: the cap may be long.MaxValue). A read that throws keeps
                // its buffer from the pool: the abandoned read may still write into it.
                var wanted = maxBytes - size < blockBytes ? (int)(maxBytes - size + 1) : blockBytes;
                var filled = await source.ReadAtLeastAsync(buffer.AsMemory(0, wanted), wanted, throwOnEndOfStream: false, window.Stopping);
                if (filled == 0)
                {
                    window.GiveBack(buffer);
                    break;
                }

                size += filled;
                if (size > maxBytes)
                {
                    window.GiveBack(buffer);
                    throw new AudioSourceRefusedException(AudioSourceRule.MaxBytes, $"the audio went past Archive:MaxBytes ({maxBytes}) while streaming");
                }

                hash.AppendData(buffer, 0, filled);
                var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{attempt}-{blockIds.Count:D6}"));
                blockIds.Add(blockId);

                // Read before waiting: the next block comes in while the window is full.
                await window.WaitForRoomAsync();
                window.Start(blockId, buffer, filled);
            }

            await window.DrainAsync();
        }
        catch (Exception) when (window.Failed)
        {
            // A failed stage stopped the reading: whatever the read threw on the way out (cancelled,
            // or the closed connection as an I/O error), that stage's error is the news.
            window.ThrowIfFailed();
            throw;
        }

        return new StagedAudio(blockIds, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
