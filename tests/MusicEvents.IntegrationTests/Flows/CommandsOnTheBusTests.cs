using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Flows;

[Collection(IntegrationCollection.Name)]
public sealed class CommandsOnTheBusTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task Extend_command_on_RabbitMQ_ends_with_the_served_audio_in_blob_storage()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 45.5, Length: 3, Instruction: "add a bridge");

        await hosts.Events.Publisher.Publish(command);

        var submitted = await hosts.Events.WaitForAsync<TrackSubmitted>(command.CorrelationId);
        var completed = await hosts.Events.WaitForAsync<TrackCompleted>(command.CorrelationId);
        var stored = await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId);
        Assert.Equal(TrackOperation.Extend, submitted.Operation);
        Assert.Equal(submitted.TaskId, completed.TaskId);
        var clip = Assert.Single(completed.Clips);
        Assert.Equal(clip.ClipId, stored.ClipId);
        Assert.Equal(44 + (3 * 8000 * 2), stored.SizeBytes);
        Assert.Equal(hosts.Sandbox.AudioSha256(submitted.TaskId, clip.ClipId), stored.Sha256);
        Assert.Equal(stored.Sha256, await Sha256.OfBlobAsync(hosts.Blobs, stored.BlobUri));
        Assert.EndsWith($"/tracks/{command.CorrelationId:D}/{clip.ClipId}.wav", stored.BlobUri.AbsolutePath);
        Assert.Single(hosts.Sandbox.Calls, c => c.CorrelationId == command.CorrelationId.ToString());
    }

    [Fact]
    public async Task Replace_section_command_on_RabbitMQ_ends_with_the_served_audio_in_blob_storage()
    {
        var command = new ReplaceSectionCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 10, 12.5, Instruction: "softer");

        await hosts.Events.Publisher.Publish(command);

        var submitted = await hosts.Events.WaitForAsync<TrackSubmitted>(command.CorrelationId);
        var stored = await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId);
        Assert.Equal(TrackOperation.ReplaceSection, submitted.Operation);
        Assert.Equal(44 + (int)(2.5 * 8000 * 2), stored.SizeBytes);
        Assert.Equal(hosts.Sandbox.AudioSha256(submitted.TaskId, stored.ClipId), stored.Sha256);
        Assert.Equal(stored.Sha256, await Sha256.OfBlobAsync(hosts.Blobs, stored.BlobUri));
    }

    [Fact]
    public async Task A_task_MusicAPI_fails_ends_as_ProviderFailed_with_credits_refunded()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+fail", 0, Length: 2);

        await hosts.Events.Publisher.Publish(command);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(command.CorrelationId);
        Assert.Equal(TrackFailureReason.ProviderFailed, failed.Reason);
        Assert.True(failed.CreditsRefunded);
        Assert.NotNull(failed.TaskId);
        Assert.DoesNotContain(hosts.Events.For(command.CorrelationId), e => e is TrackCompleted or TrackStored);
    }

    [Fact]
    public async Task An_invalid_command_fails_as_InvalidRequest_without_calling_MusicAPI()
    {
        var clipId = $"clip-{Guid.NewGuid():N}";
        var command = new ExtendTrackCommand(Guid.NewGuid(), clipId, -1, Length: 500);

        await hosts.Events.Publisher.Publish(command);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(command.CorrelationId);
        Assert.Equal(TrackFailureReason.InvalidRequest, failed.Reason);
        Assert.Contains("Starts At", failed.Message);
        Assert.Contains("Length", failed.Message);
        Assert.DoesNotContain(hosts.Sandbox.Calls, c => c.ClipId == clipId || c.CorrelationId == command.CorrelationId.ToString());
        Assert.DoesNotContain(hosts.Events.For(command.CorrelationId), e => e is TrackSubmitted);
    }
}
