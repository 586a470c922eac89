using System.Security.Cryptography;
using Azure;
using Azure.Storage;
using MusicEvents.Core.Archive;

namespace MusicEvents.Tests.Archive;

public sealed class BlockStagerTests
{
    private const int BlockBytes = 64 * 1024;

    [Fact]
    public async Task Blocks_cover_the_stream_in_order_and_the_hash_is_of_all_its_bytes()
    {
        var target = new StagingTarget(held: false);
        var bytes = RandomNumberGenerator.GetBytes((2 * BlockBytes) + 100);

        var result = await BlockStager.StageAsync(target.Blob, new MemoryStream(bytes), BlockBytes, 4, long.MaxValue, CancellationToken.None);

        Assert.Equal(bytes.Length, result.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
        Assert.Equal(target.Calls.Select(c => c.Id), result.BlockIds);
        Assert.Equal([BlockBytes, BlockBytes, 100], target.Calls.Select(c => c.Bytes.Length));
        Assert.Equal(bytes, target.Assemble(result.BlockIds));
        Assert.Single(result.BlockIds.Select(id => id.Length).Distinct());
    }

    [Fact]
    public async Task As_many_blocks_as_allowed_are_staged_at_once_while_the_source_is_still_being_read()
    {
        var target = new StagingTarget(held: true);
        var source = new TestSource(RandomNumberGenerator.GetBytes(10 * BlockBytes));

        var staging = BlockStager.StageAsync(target.Blob, source, BlockBytes, 4, long.MaxValue, CancellationToken.None);

        await Eventually.TrueAsync(() => target.Running == 4, "four stages running at once");
        // The next block is read while the four are staged, and then the reading waits for room.
        await Eventually.TrueAsync(() => source.Served == 5 * BlockBytes, "the fifth block read");
        Assert.Equal(4, target.Calls.Count);
        for (var next = 0; next < 10; next++)
        {
            var index = next;
            await Eventually.TrueAsync(() => target.Calls.Count > index, $"stage {index} started");
            target[index].Finish();
        }

        var result = await Eventually.EndsAsync(staging, "the staging");
        Assert.Equal(10, result.BlockIds.Count);
        Assert.Equal(4, target.MostAtOnce);
    }

    [Fact]
    public async Task A_stage_that_finishes_first_makes_room_even_while_an_earlier_one_is_still_running()
    {
        var target = new StagingTarget(held: true);
        var bytes = RandomNumberGenerator.GetBytes(4 * BlockBytes);

        var staging = BlockStager.StageAsync(target.Blob, new TestSource(bytes), BlockBytes, 2, long.MaxValue, CancellationToken.None);

        await Eventually.TrueAsync(() => target.Calls.Count == 2, "two stages started");
        target[1].Finish();
        await Eventually.TrueAsync(() => target.Calls.Count == 3, "the third stage started while the first still runs");
        target[2].Finish();
        await Eventually.TrueAsync(() => target.Calls.Count == 4, "the fourth stage started while the first still runs");
        target[3].Finish();
        target[0].Finish();

        var result = await Eventually.EndsAsync(staging, "the staging");
        Assert.Equal(target.Calls.Select(c => c.Id), result.BlockIds);
        Assert.Equal(bytes, target.Assemble(result.BlockIds));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
    }

    [Fact]
    public async Task The_bound_holds_however_the_stages_interleave()
    {
        var target = new StagingTarget(held: false);
        var bytes = RandomNumberGenerator.GetBytes((40 * BlockBytes) + 1);

        var result = await BlockStager.StageAsync(target.Blob, new TestSource(bytes), BlockBytes, 3, long.MaxValue, CancellationToken.None);

        Assert.InRange(target.MostAtOnce, 1, 3);
        Assert.Equal(41, result.BlockIds.Count);
        Assert.Equal(bytes, target.Assemble(result.BlockIds));
    }

    [Fact]
    public async Task A_failing_stage_ends_the_staging_with_its_error_and_stops_the_other_stages_and_the_reading()
    {
        var target = new StagingTarget(held: true);
        var source = new TestSource(RandomNumberGenerator.GetBytes(10 * BlockBytes));
        var staging = BlockStager.StageAsync(target.Blob, source, BlockBytes, 3, long.MaxValue, CancellationToken.None);
        await Eventually.TrueAsync(() => target.Running == 3, "three stages running");

        var busy = new RequestFailedException(503, "Server busy");
        target[1].Fail(busy);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Eventually.EndsAsync(staging, "the staging"));
        Assert.Same(busy, failure);
        Assert.True(target[0].Token.IsCancellationRequested);
        Assert.True(target[2].Token.IsCancellationRequested);
        Assert.Equal(0, target.Running);
        Assert.Equal(3, target.Calls.Count);
        Assert.Equal(4 * BlockBytes, source.Served);
    }

    [Fact]
    public async Task A_failing_stage_stops_a_read_that_waits_for_the_download_and_its_error_is_the_one_reported()
    {
        var target = new StagingTarget(held: true);
        var source = new TestSource(RandomNumberGenerator.GetBytes(10 * BlockBytes), waitsAt: 2 * BlockBytes);
        var staging = BlockStager.StageAsync(target.Blob, source, BlockBytes, 4, long.MaxValue, CancellationToken.None);
        await Eventually.TrueAsync(() => target.Calls.Count == 2 && source.Waiting, "two stages started and the download waiting");

        target[0].Fail(new RequestFailedException(403, "This request is not authorized"));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => Eventually.EndsAsync(staging, "the staging"));
        Assert.Equal(403, failure.Status);
        Assert.True(source.ReadWasCancelled);
        Assert.True(target[1].Token.IsCancellationRequested);
    }

    [Fact]
    public async Task Every_block_goes_with_its_MD5_for_the_service_to_check()
    {
        var target = new StagingTarget(held: false);

        await BlockStager.StageAsync(target.Blob, new MemoryStream(new byte[3 * BlockBytes]), BlockBytes, 4, long.MaxValue, CancellationToken.None);

        Assert.Equal(3, target.Calls.Count);
        Assert.All(target.Calls, c => Assert.Equal(StorageChecksumAlgorithm.MD5, c.Checksum));
    }

    [Fact]
    public async Task Two_attempts_never_share_a_block_id()
    {
        var target = new StagingTarget(held: false);
        var bytes = RandomNumberGenerator.GetBytes(BlockBytes);

        var first = await BlockStager.StageAsync(target.Blob, new MemoryStream(bytes), BlockBytes, 4, long.MaxValue, CancellationToken.None);
        var second = await BlockStager.StageAsync(target.Blob, new MemoryStream(bytes), BlockBytes, 4, long.MaxValue, CancellationToken.None);

        Assert.Empty(first.BlockIds.Intersect(second.BlockIds));
        Assert.Equal(first.Sha256, second.Sha256);
    }

    [Fact]
    public async Task An_endless_body_is_refused_one_byte_past_the_cap()
    {
        var target = new StagingTarget(held: false);
        var endless = new EndlessStream();

        var refused = await Assert.ThrowsAsync<AudioSourceRefusedException>(
            () => BlockStager.StageAsync(target.Blob, endless, BlockBytes, 4, 100_000, CancellationToken.None));

        Assert.Equal(AudioSourceRule.MaxBytes, refused.Rule);
        Assert.Equal(100_001, endless.Served);
        Assert.Equal(BlockBytes, Assert.Single(target.Calls).Bytes.Length);
    }

    [Fact]
    public async Task A_body_of_exactly_the_cap_is_accepted()
    {
        var target = new StagingTarget(held: false);
        var bytes = RandomNumberGenerator.GetBytes(100_000);

        var result = await BlockStager.StageAsync(target.Blob, new MemoryStream(bytes), BlockBytes, 4, 100_000, CancellationToken.None);

        Assert.Equal(100_000, result.Size);
    }

    /// <summary>Answers every read in full, forever, and counts what it gave.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
