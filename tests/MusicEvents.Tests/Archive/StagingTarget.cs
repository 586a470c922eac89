using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using NSubstitute;

namespace MusicEvents.Tests.Archive;

/// <summary>
/// A block blob whose stages the test controls: each records the bytes and checksum it was given,
/// and finishes at once or, when held, waits until the test finishes or fails it (or its token is
/// cancelled). Counts how many ran at the same time.
/// </summary>
internal sealed class StagingTarget
{
    private readonly Lock sync = new();
    private readonly List<StageCall> calls = [];
    private readonly bool held;
    private int running;

    public StagingTarget(bool held)
    {
        this.held = held;
        Blob.StageBlockAsync(Arg.Any<string>(), Arg.Any<Stream>(), Arg.Any<BlockBlobStageBlockOptions>(), Arg.Any<CancellationToken>())
            .Returns(call => RunAsync(call.ArgAt<string>(0), call.ArgAt<Stream>(1), call.ArgAt<BlockBlobStageBlockOptions?>(2), call.ArgAt<CancellationToken>(3)));
    }

    public BlockBlobClient Blob { get; } = Substitute.For<BlockBlobClient>();

    public int MostAtOnce { get; private set; }

    public int Running
    {
        get
        {
            lock (sync)
            {
                return running;
            }
        }
    }

    /// <summary>The stages in the order they were started.</summary>
    public IReadOnlyList<StageCall> Calls
    {
        get
        {
            lock (sync)
            {
                return [.. calls];
            }
        }
    }

    public StageCall this[int index] => Calls[index];

    /// <summary>What the blob would hold with these blocks committed in this order.</summary>
    public byte[] Assemble(IEnumerable<string> blockIds)
    {
        var byId = Calls.ToDictionary(c => c.Id, c => c.Bytes);
        return [.. blockIds.SelectMany(id => byId[id])];
    }

    private async Task<Response<BlockInfo>> RunAsync(string id, Stream content, BlockBlobStageBlockOptions? options, CancellationToken cancellationToken)
    {
        // Copied now: once staged, the buffer goes back to the pool for the next block.
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        var call = new StageCall(id, copy.ToArray(), options?.TransferValidation?.ChecksumAlgorithm, cancellationToken);
        lock (sync)
        {
            calls.Add(call);
            running++;
            MostAtOnce = Math.Max(MostAtOnce, running);
        }

        try
        {
            if (held)
            {
                await call.Outcome.Task.WaitAsync(cancellationToken);
            }
            else
            {
                await Task.Yield();
            }

            return Substitute.For<Response<BlockInfo>>();
        }
        finally
        {
            lock (sync)
            {
                running--;
            }
        }
    }
}
