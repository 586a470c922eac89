using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// What the audio server answers, through the shared DevHost (Archive:Attempts 3, MaxBytes 512 MiB):
/// a TrackCompleted of the test's own for a sandbox task, or the whole flow where the task record matters.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class AudioAnswerTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task An_answer_that_is_not_audio_fails_the_task_as_StorageFailed_by_the_content_type_rule()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+notaudio", 0, Length: 1);

        await hosts.Events.Publisher.Publish(command);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(command.CorrelationId);
        var clipId = Assert.Single((await hosts.Events.WaitForAsync<TrackCompleted>(command.CorrelationId)).Clips).ClipId;
        Assert.Equal(TrackFailureReason.StorageFailed, failed.Reason);
        Assert.Equal($"Clip {clipId}: refused by the content-type rule: content type 'text/html' is not an audio type we store", failed.Message);
        Assert.Empty(await StoredBlobs.UnderAsync(hosts.Blobs, command.CorrelationId));
        var status = await hosts.StatusAsync(command.CorrelationId);
        Assert.Equal("Failed", status.GetProperty("state").GetString());
        Assert.Equal(failed.Message, status.GetProperty("failure").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Audio_claiming_more_than_512_MiB_is_refused_before_its_body_is_read_and_leaves_no_blob()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb600");
        var completed = audio.Completed(Guid.NewGuid());

        await hosts.Events.Publisher.Publish(completed);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(completed.CorrelationId);
        Assert.Equal(TrackFailureReason.StorageFailed, failed.Reason);
        Assert.Equal($"Clip {audio.Clip.ClipId}: refused by the max-bytes rule: the answer claims {600L << 20} bytes, over Archive:MaxBytes ({512L << 20})", failed.Message);
        Assert.Empty(await StoredBlobs.UnderAsync(hosts.Blobs, completed.CorrelationId));
    }

    [Fact]
    public async Task A_body_cut_off_once_is_downloaded_again_from_the_start_and_stored_whole()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb2+cutonce");
        var completed = audio.Completed(Guid.NewGuid());

        await hosts.Events.Publisher.Publish(completed);

        var stored = await hosts.Events.WaitForAsync<TrackStored>(completed.CorrelationId);
        Assert.Equal(2 << 20, stored.SizeBytes);
        Assert.Equal(hosts.Sandbox.AudioSha256(audio.TaskId, audio.Clip.ClipId), stored.Sha256);
        Assert.Equal(stored.Sha256, await Sha256.OfBlobAsync(hosts.Blobs, stored.BlobUri));
        Assert.Equal(2, hosts.Sandbox.AudioDownloads(audio.TaskId, audio.Clip.ClipId));
    }

    [Fact]
    public async Task A_body_cut_off_every_time_fails_as_StorageFailed_after_the_configured_attempts()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1+cutaudio");
        var completed = audio.Completed(Guid.NewGuid());

        await hosts.Events.Publisher.Publish(completed);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(completed.CorrelationId);
        Assert.Equal(TrackFailureReason.StorageFailed, failed.Reason);
        Assert.StartsWith($"Clip {audio.Clip.ClipId}: storing the audio failed: ", failed.Message, StringComparison.Ordinal);
        Assert.Equal(3, hosts.Sandbox.AudioDownloads(audio.TaskId, audio.Clip.ClipId));
        Assert.Empty(await StoredBlobs.UnderAsync(hosts.Blobs, completed.CorrelationId));
    }

    [Fact]
    public async Task Audio_without_a_Content_Length_under_the_cap_is_stored_whole()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb3+chunked");
        var completed = audio.Completed(Guid.NewGuid());

        await hosts.Events.Publisher.Publish(completed);

        var stored = await hosts.Events.WaitForAsync<TrackStored>(completed.CorrelationId);
        Assert.Equal(3 << 20, stored.SizeBytes);
        Assert.Equal(hosts.Sandbox.AudioSha256(audio.TaskId, audio.Clip.ClipId), stored.Sha256);
    }
}
