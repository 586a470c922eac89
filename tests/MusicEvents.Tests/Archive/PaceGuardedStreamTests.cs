using System.IO.Pipelines;
using Microsoft.Extensions.Time.Testing;
using MusicEvents.Core.Archive;

namespace MusicEvents.Tests.Archive;

/// <summary>The pace rules on a pipe whose writer plays the server, on a clock the test moves.</summary>
public sealed class PaceGuardedStreamTests
{
    private static readonly ArchiveOptions Pace = new()
    {
        StallTimeout = TimeSpan.FromSeconds(30),
        MinBytesPerSecond = 1000,
        TransferGrace = TimeSpan.FromSeconds(10),
    };

    private readonly FakeTimeProvider time = new();
    // Never pausing the writer: the test writes a whole "server" burst before the first read.
    private readonly Pipe pipe = new(new PipeOptions(pauseWriterThreshold: 0));

    [Fact]
    public async Task A_read_that_gets_no_byte_within_the_stall_timeout_is_refused_by_the_stall_timeout_rule()
    {
        // A big enough head start that only the stall can be the reason.
        await using var body = new PaceGuardedStream(pipe.Reader.AsStream(), Pace, time);
        await SendAsync(new byte[100_000]);
        Assert.Equal(100_000, await body.ReadAsync(new byte[100_000]));

        var read = body.ReadAsync(new byte[10]).AsTask();
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var refused = await Assert.ThrowsAsync<AudioSourceRefusedException>(() => read);
        Assert.Equal(AudioSourceRule.StallTimeout, refused.Rule);
        Assert.True(refused.WorthAnotherAttempt);
        Assert.Equal("no byte of the audio for 30 s (Archive:StallTimeout) after 100000 bytes", refused.Detail);
    }

    [Fact]
    public async Task A_read_is_refused_by_the_rate_rule_when_the_bytes_so_far_stop_covering_the_time_taken()
    {
        // 2,000 bytes buy 2 s on top of the 10 s grace: the read still waiting at 12 s is behind.
        await using var body = new PaceGuardedStream(pipe.Reader.AsStream(), Pace, time);
        await SendAsync(new byte[2_000]);
        Assert.Equal(2_000, await body.ReadAsync(new byte[4_000]));

        var read = body.ReadAsync(new byte[10]).AsTask();
        time.Advance(TimeSpan.FromSeconds(11.9));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        var refused = await Assert.ThrowsAsync<AudioSourceRefusedException>(() => read);
        Assert.Equal(AudioSourceRule.MinBytesPerSecond, refused.Rule);
        Assert.Equal("2000 bytes of audio in 12 s, slower than Archive:MinBytesPerSecond (1000) after Archive:TransferGrace (10 s)", refused.Detail);
    }

    [Fact]
    public async Task A_body_already_behind_is_refused_at_its_next_read_however_quickly_the_bytes_come()
    {
        await using var body = new PaceGuardedStream(pipe.Reader.AsStream(), Pace, time);
        await SendAsync(new byte[500]);
        Assert.Equal(500, await body.ReadAsync(new byte[1_000]));
        time.Advance(TimeSpan.FromSeconds(11));
        await SendAsync(new byte[500]);

        var refused = await Assert.ThrowsAsync<AudioSourceRefusedException>(() => body.ReadAsync(new byte[1_000]).AsTask());

        Assert.Equal(AudioSourceRule.MinBytesPerSecond, refused.Rule);
    }

    [Fact]
    public async Task A_body_that_keeps_pace_reads_to_its_end()
    {
        await using var body = new PaceGuardedStream(pipe.Reader.AsStream(), Pace, time);
        var total = 0;
        for (var second = 0; second < 60; second++)
        {
            await SendAsync(new byte[1_000]);
            total += await body.ReadAsync(new byte[2_000]);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await pipe.Writer.CompleteAsync();

        Assert.Equal(0, await body.ReadAsync(new byte[10]));
        Assert.Equal(60_000, total);
    }

    [Fact]
    public async Task The_callers_own_cancellation_stays_a_cancellation_not_a_refusal()
    {
        await using var body = new PaceGuardedStream(pipe.Reader.AsStream(), Pace, time);
        using var cancel = new CancellationTokenSource();

        var read = body.ReadAsync(new byte[10], cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    private async Task SendAsync(byte[] bytes)
    {
        await pipe.Writer.WriteAsync(bytes);
        await pipe.Writer.FlushAsync();
    }
}
