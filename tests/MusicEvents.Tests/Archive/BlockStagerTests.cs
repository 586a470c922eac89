using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MusicEvents.Core.Archive;
using NSubstitute;

namespace MusicEvents.Tests.Archive;

public sealed class BlockStagerTests
{
    private const int BlockBytes = 64 * 1024;
    private readonly BlockBlobClient blob = Substitute.For<BlockBlobClient>();
    private readonly List<(string Id, long Length)> staged = [];

    public BlockStagerTests()
    {
        blob.StageBlockAsync(Arg.Any<string>(), Arg.Any<Stream>(), Arg.Any<BlockBlobStageBlockOptions>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                staged.Add((call.ArgAt<string>(0), call.ArgAt<Stream>(1).Length));
                return Substitute.For<Response<BlockInfo>>();
            });
    }

    [Fact]
    public async Task Blocks_cover_the_stream_in_order_and_the_hash_is_of_all_its_bytes()
    {
        var bytes = RandomNumberGenerator.GetBytes((2 * BlockBytes) + 100);

        var result = await BlockStager.StageAsync(blob, new MemoryStream(bytes), BlockBytes, long.MaxValue, CancellationToken.None);

        Assert.Equal(bytes.Length, result.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.Sha256);
        Assert.Equal([BlockBytes, BlockBytes, 100], staged.Select(s => s.Length));
        Assert.Equal(staged.Select(s => s.Id), result.BlockIds);
        Assert.Single(result.BlockIds.Select(id => id.Length).Distinct());
    }

    [Fact]
    public async Task Two_attempts_never_share_a_block_id()
    {
        var bytes = RandomNumberGenerator.GetBytes(BlockBytes);

        var first = await BlockStager.StageAsync(blob, new MemoryStream(bytes), BlockBytes, long.MaxValue, CancellationToken.None);
        var second = await BlockStager.StageAsync(blob, new MemoryStream(bytes), BlockBytes, long.MaxValue, CancellationToken.None);

        Assert.Empty(first.BlockIds.Intersect(second.BlockIds));
        Assert.Equal(first.Sha256, second.Sha256);
    }

    [Fact]
    public async Task An_endless_body_is_refused_one_byte_past_the_cap()
    {
        var endless = new EndlessStream();

        var refused = await Assert.ThrowsAsync<AudioSourceRefusedException>(
            () => BlockStager.StageAsync(blob, endless, BlockBytes, 100_000, CancellationToken.None));

        Assert.Equal(AudioSourceRule.MaxBytes, refused.Rule);
        Assert.Equal(100_001, endless.Served);
        Assert.Equal(BlockBytes, Assert.Single(staged).Length);
    }

    [Fact]
    public async Task A_body_of_exactly_the_cap_is_accepted()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);

        var result = await BlockStager.StageAsync(blob, new MemoryStream(bytes), BlockBytes, 100_000, CancellationToken.None);

        Assert.Equal(100_000, result.Size);
    }

    [Fact]
    public async Task A_block_that_fails_to_stage_fails_the_whole_attempt()
    {
        blob.StageBlockAsync(Arg.Is<string>(id => id.Length > 0), Arg.Any<Stream>(), Arg.Any<BlockBlobStageBlockOptions>(), Arg.Any<CancellationToken>())
            .Returns(
                _ => Substitute.For<Response<BlockInfo>>(),
                _ => throw new RequestFailedException(503, "Server busy"));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(
            () => BlockStager.StageAsync(blob, new MemoryStream(new byte[5 * BlockBytes]), BlockBytes, long.MaxValue, CancellationToken.None));

        Assert.Equal(503, failure.Status);
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
