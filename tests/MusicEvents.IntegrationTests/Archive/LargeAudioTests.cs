using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

[Collection(IntegrationCollection.Name)]
public sealed class LargeAudioTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task A_300_MB_file_is_stored_whole_with_the_SHA_256_the_sandbox_served()
    {
        const long size = 300L << 20;
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+mb300", 0, Length: 1);

        await hosts.Events.Publisher.Publish(command);

        var completed = await hosts.Events.WaitForAsync<TrackCompleted>(command.CorrelationId);
        var stored = await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId, TimeSpan.FromMinutes(2));
        Assert.Equal(size, stored.SizeBytes);
        var served = hosts.Sandbox.AudioSha256(completed.TaskId, stored.ClipId);
        Assert.Equal(served, stored.Sha256);
        var blob = Assert.Single(await StoredBlobs.UnderAsync(hosts.Blobs, command.CorrelationId));
        Assert.Equal(size, blob.Properties.ContentLength);
        Assert.Equal(served, await Sha256.OfBlobAsync(hosts.Blobs, stored.BlobUri));
    }
}
