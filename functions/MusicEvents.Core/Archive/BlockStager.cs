using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs.Specialized;

namespace MusicEvents.Core.Archive;

/// <summary>
/// Copies a stream into uncommitted blocks of a block blob, hashing as it goes, with one block's
/// buffer in memory whatever the size; refuses as soon as the bytes pass the cap.
/// </summary>
internal static class BlockStager
{
    public static async Task<StagedAudio> StageAsync(
        BlockBlobClient blob, Stream source, int blockBytes, long maxBytes, CancellationToken cancellationToken)
    {
        // Ids unique to this attempt: an attempt that crashed, or another instance working on a
        // redelivery at the same time, can never slip one of its blocks into our list. Same length
        // for all, as Blob Storage requires; uncommitted leftovers vanish at commit (or after a week).
        var attempt = Guid.NewGuid().ToString("N");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[blockBytes];
        var blockIds = new List<string>();
        long size = 0;
        while (true)
        {
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
            using var block = new MemoryStream(buffer, 0, filled, writable: false);
            await blob.StageBlockAsync(blockId, block, cancellationToken: cancellationToken);
            blockIds.Add(blockId);
        }

        return new StagedAudio(blockIds, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
