using System.Globalization;

namespace MusicEvents.Core.Archive;

/// <summary>
/// The audio body as the archive reads it: every read waits at most Archive:StallTimeout for bytes,
/// and the body as a whole must keep an average of Archive:MinBytesPerSecond once
/// Archive:TransferGrace has passed. A read that breaks either is abandoned (cancelling it closes
/// the connection) and refused with the rule's name; the archiver then tries again from the start.
/// </summary>
internal sealed class PaceGuardedStream(Stream inner, ArchiveOptions pace, TimeProvider time) : Stream
{
    private readonly long started = time.GetTimestamp();
    private long received;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => received;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // The moment the bytes so far stop paying for the time taken: each byte buys 1/MinBytesPerSecond s.
        var untilBehind = pace.TransferGrace + TimeSpan.FromSeconds((double)received / pace.MinBytesPerSecond) - time.GetElapsedTime(started);
        if (untilBehind <= TimeSpan.Zero)
        {
            throw TooSlow();
        }

        var stallComesFirst = pace.StallTimeout <= untilBehind;
        using var deadline = new CancellationTokenSource(stallComesFirst ? pace.StallTimeout : untilBehind, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var read = await inner.ReadAsync(buffer, linked.Token);
            received += read;
            return read;
        }
        catch (Exception exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && exception is OperationCanceledException or IOException or HttpRequestException)
        {
            // Whatever the cancelled read threw (the handler may report the closed connection as an
            // I/O error), the deadline was the cause.
            throw stallComesFirst ? Stalled() : TooSlow();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Only asynchronous reads can be given a deadline.</summary>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The audio body is read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private AudioSourceRefusedException Stalled() => new(
        AudioSourceRule.StallTimeout,
        string.Create(CultureInfo.InvariantCulture, $"no byte of the audio for {pace.StallTimeout.TotalSeconds:0.###} s (Archive:StallTimeout) after {received} bytes"));

    private AudioSourceRefusedException TooSlow() => new(
        AudioSourceRule.MinBytesPerSecond,
        string.Create(
            CultureInfo.InvariantCulture,
            $"{received} bytes of audio in {time.GetElapsedTime(started).TotalSeconds:0.#} s, slower than Archive:MinBytesPerSecond ({pace.MinBytesPerSecond}) after Archive:TransferGrace ({pace.TransferGrace.TotalSeconds:0.###} s)"));
}
