using System.Text.Json;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

[Collection(IntegrationCollection.Name)]
public sealed class MultipleClipsTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task Every_clip_of_a_task_is_archived_and_the_task_is_Stored_with_each_blob()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+clips2", 30, Length: 2);

        await hosts.Events.Publisher.Publish(command);

        var completed = await hosts.Events.WaitForAsync<TrackCompleted>(command.CorrelationId);
        var stored = await hosts.Events.WaitForCountAsync<TrackStored>(command.CorrelationId, 2);
        Assert.Equal(2, completed.Clips.Count);
        Assert.Equal(completed.Clips.Select(c => c.ClipId).Order(), stored.Select(s => s.ClipId).Order());
        foreach (var clip in stored)
        {
            Assert.Equal(hosts.Sandbox.AudioSha256(completed.TaskId, clip.ClipId), clip.Sha256);
            Assert.Equal(clip.Sha256, await Sha256.OfBlobAsync(hosts.Blobs, clip.BlobUri));
        }

        Assert.NotEqual(stored[0].Sha256, stored[1].Sha256);
        Assert.Equal(2, (await StoredBlobs.UnderAsync(hosts.Blobs, command.CorrelationId)).Count);

        var status = await WaitForStoredAsync(command.CorrelationId);
        var blobUris = status.GetProperty("clips").EnumerateArray().Select(c => c.GetProperty("blobUri").GetString()).Order();
        Assert.Equal(stored.Select(s => s.BlobUri.ToString()).Order(), blobUris);
    }

    [Fact]
    public async Task A_refused_clip_fails_the_task_naming_it_and_the_other_clip_is_stored_and_announced()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1");
        var good = new CompletedClip(audio.Clip.ClipId, audio.Clip.AudioUrl);

        // Allowed by name, but localhost resolves to a loopback address: refused by the internal-address rule.
        var refused = new CompletedClip($"clip-{Guid.NewGuid():N}", new UriBuilder(audio.Clip.AudioUrl) { Host = "localhost" }.Uri.ToString());
        var completed = new TrackCompleted(Guid.NewGuid(), audio.TaskId, TrackOperation.Extend, [refused, good], DateTimeOffset.UtcNow);

        await hosts.Events.Publisher.Publish(completed);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(completed.CorrelationId);
        var stored = await hosts.Events.WaitForAsync<TrackStored>(completed.CorrelationId);
        Assert.Equal(TrackFailureReason.StorageFailed, failed.Reason);
        Assert.StartsWith($"Clip {refused.ClipId}: refused by the internal-address rule: ", failed.Message, StringComparison.Ordinal);
        Assert.Equal(good.ClipId, stored.ClipId);
        Assert.Equal(stored.Sha256, await Sha256.OfBlobAsync(hosts.Blobs, stored.BlobUri));

        // Nothing committed is left unannounced, and the record lists the stored clip with its blob.
        var blob = Assert.Single(await StoredBlobs.UnderAsync(hosts.Blobs, completed.CorrelationId));
        Assert.EndsWith(blob.Name, stored.BlobUri.AbsolutePath, StringComparison.Ordinal);
        var status = await hosts.StatusAsync(completed.CorrelationId);
        Assert.Equal("Failed", status.GetProperty("state").GetString());
        var clips = status.GetProperty("clips").EnumerateArray().ToDictionary(c => c.GetProperty("clipId").GetString()!, c => c.GetProperty("blobUri"));
        Assert.Equal(stored.BlobUri.ToString(), clips[good.ClipId].GetString());
        Assert.Equal(JsonValueKind.Null, clips[refused.ClipId].ValueKind);
    }

    private async Task<JsonElement> WaitForStoredAsync(Guid correlationId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var status = await hosts.StatusAsync(correlationId);
            if (status.GetProperty("state").GetString() == "Stored" || DateTime.UtcNow > deadline)
            {
                Assert.Equal("Stored", status.GetProperty("state").GetString());
                return status;
            }

            await Task.Delay(200);
        }
    }
}
