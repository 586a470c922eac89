namespace MusicEvents.Tests.Archive;

/// <summary>
/// An audio body as the stager reads it: serves its bytes, counting them, and from
/// <c>waitsAt</c> on serves nothing more, like a download waiting for the network, until the read
/// is cancelled.
/// </summary>
internal sealed class TestSource(byte[] bytes, long waitsAt = long.MaxValue) : Stream
{
    private long served;
    private int cancelledReads;

    public long Served => Interlocked.Read(ref served);

    public bool ReadWasCancelled => Volatile.Read(ref cancelledReads) > 0;

    public bool Waiting { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Served;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Served >= waitsAt)
        {
            Waiting = true;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelledReads);
                throw;
            }
        }

        var count = (int)Math.Min(buffer.Length, Math.Min(bytes.Length, waitsAt) - Served);
        bytes.AsMemory((int)Served, count).CopyTo(buffer);
        Interlocked.Add(ref served, count);
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously, as the archive does.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
