using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

[Collection(IntegrationCollection.Name)]
public sealed class RedeliveryTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task A_redelivered_TrackCompleted_finds_the_blob_and_republishes_the_same_TrackStored()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 5, Length: 2);
        await hosts.Events.Publisher.Publish(command);
        var completed = await hosts.Events.WaitForAsync<TrackCompleted>(command.CorrelationId);
        var first = await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId);

        await hosts.Events.Publisher.Publish(completed);

        var both = await hosts.Events.WaitForCountAsync<TrackStored>(command.CorrelationId, 2);
        Assert.Equal(first, both[1]);
        Assert.Single(await StoredBlobs.UnderAsync(hosts.Blobs, command.CorrelationId));
        Assert.Equal(1, hosts.Sandbox.AudioDownloads(completed.TaskId, first.ClipId));
    }

    [Fact]
    public async Task The_blob_carries_the_content_type_and_the_metadata_and_no_query_of_the_source_url()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1");
        var completed = audio.Completed(Guid.NewGuid()) is var c
            ? c with { Clips = [new CompletedClip(audio.Clip.ClipId, audio.Clip.AudioUrl + "?token=secret-signature")] }
            : null!;

        await hosts.Events.Publisher.Publish(completed);

        var stored = await hosts.Events.WaitForAsync<TrackStored>(completed.CorrelationId);
        var blob = Assert.Single(await StoredBlobs.UnderAsync(hosts.Blobs, completed.CorrelationId));
        Assert.Equal($"{completed.CorrelationId:D}/{audio.Clip.ClipId}.wav", blob.Name);
        Assert.Equal("audio/wav", blob.Properties.ContentType);
        Assert.Equal("audio/wav", stored.ContentType);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["correlation_id"] = completed.CorrelationId.ToString("D"),
                ["task_id"] = audio.TaskId,
                ["clip_id"] = audio.Clip.ClipId,
                ["source_url"] = audio.Clip.AudioUrl,
                ["sha256"] = hosts.Sandbox.AudioSha256(audio.TaskId, audio.Clip.ClipId),
            },
            blob.Metadata);
    }
}
