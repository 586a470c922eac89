using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace MusicEvents.Core.Archive;

/// <summary>
/// The blocks of one attempt being staged at the same time: at most <c>limit</c>, finishing in any
/// order. The first stage to fail stops the others and the reading (<see cref="Stopping"/>), and its
/// error is the one reported: the attempt is lost either way, and the archiver starts it again.
/// Also the attempt's buffers: a staged block's buffer serves a later block, so an attempt holds at
/// most <c>limit</c> + 1 of them, from the shared pool, and gives them back when it ends.
/// </summary>
internal sealed class StagingWindow(BlockBlobClient blob, int blockBytes, int limit, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    private readonly List<Task> running = new(limit);
    private readonly ConcurrentStack<byte[]> free = new();
    private ExceptionDispatchInfo? failure;

    /// <summary>Cancelled when a stage fails (or the caller cancels): the reading stops with it.</summary>
    public CancellationToken Stopping => stop.Token;

    public bool Failed => Volatile.Read(ref failure) is not null;

    /// <summary>A buffer of at least the block size for the next block.</summary>
    public byte[] Rent() => free.TryPop(out var buffer) ? buffer : ArrayPool<byte>.Shared.Rent(blockBytes);

    /// <summary>A buffer the reader is done with without staging it.</summary>
    public void GiveBack(byte[] buffer) => free.Push(buffer);

    /// <summary>Returns once fewer than the limit are running; throws the first failure, so none starts after one.</summary>
    public async Task WaitForRoomAsync()
    {
        ThrowIfFailed();
        while (running.Count >= limit)
        {
            running.Remove(await Task.WhenAny(running));
            ThrowIfFailed();
        }
    }

    /// <summary>Stages the first <paramref name="count"/> bytes of a buffer from <see cref="Rent"/>.</summary>
    public void Start(string blockId, byte[] buffer, int count) => running.Add(StageAsync(blockId, buffer, count));

    /// <summary>Waits for every stage; throws the first failure.</summary>
    public async Task DrainAsync()
    {
        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        running.Clear();
        ThrowIfFailed();
    }

    public void ThrowIfFailed() => Volatile.Read(ref failure)?.Throw();

    public async ValueTask DisposeAsync()
    {
        // Only after a failure (or a refusal) is anything still running: stop it, and let it end
        // before its buffers and the token go.
        if (running.Count > 0)
        {
            await stop.CancelAsync();
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        while (free.TryPop(out var buffer))
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        stop.Dispose();
    }

    private async Task StageAsync(string blockId, byte[] buffer, int count)
    {
        try
        {
            using var block = new MemoryStream(buffer, 0, count, writable: false);

            // With its MD5, which the service checks before it keeps the block: a block damaged on
            // the way is refused (Md5Mismatch, worth another attempt) rather than committed under a
            // SHA-256 it does not have. Azurite, which computes a CRC-64 of every block sent without
            // one in JavaScript, also spends a fraction of the CPU on it.
            var validation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 };
            await blob.StageBlockAsync(blockId, block, new BlockBlobStageBlockOptions { TransferValidation = validation }, stop.Token);
        }
        catch (Exception exception) when (!stop.IsCancellationRequested)
        {
            // The buffer is not given back: a request abandoned mid-send may still read it, so the
            // GC takes it rather than another block.
            Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(exception), null);
            await stop.CancelAsync();
            throw;
        }

        free.Push(buffer);
    }
}
