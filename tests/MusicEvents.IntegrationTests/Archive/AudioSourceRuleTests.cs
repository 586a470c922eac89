using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// Audio URLs the shared DevHost (Development; AllowedHosts 127.0.0.1 and localhost;
/// PrivateNetworkHosts 127.0.0.1) must refuse, each failing the task as StorageFailed with the rule named.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class AudioSourceRuleTests(MusicEventsHosts hosts)
{
    [Theory]
    [InlineData("ftp://127.0.0.1/clip.wav", "scheme")]
    [InlineData("file:///etc/passwd", "scheme")]
    [InlineData("http://audio.example.com/clip.wav", "allowed-hosts")]
    [InlineData("http://localhost:{port}/sandbox/audio/{task}/{clip}.wav", "internal-address")]
    [InlineData("http://127.0.0.1:{port}/sandbox/redirect?to=http://localhost:{port}/sandbox/audio/{task}/{clip}.wav", "internal-address")]
    [InlineData("http://127.0.0.1:{port}/sandbox/redirect?to=ftp://127.0.0.1/clip.wav", "scheme")]
    [InlineData("http://127.0.0.1:{port}/sandbox/redirect?to=http://audio.example.com/clip.wav", "allowed-hosts")]
    public async Task A_forbidden_audio_url_fails_the_task_as_StorageFailed_naming_the_rule(string template, string rule)
    {
        // Real audio behind every sandbox URL: without the rule, these would be stored.
        var audio = template.Contains("{task}", StringComparison.Ordinal) ? await SandboxAudio.CreateAsync(hosts, "mb1") : null;
        var clipId = audio?.Clip.ClipId ?? $"clip-{Guid.NewGuid():N}";
        var url = template
            .Replace("{port}", hosts.SandboxUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{task}", audio?.TaskId, StringComparison.Ordinal)
            .Replace("{clip}", clipId, StringComparison.Ordinal);
        var completed = new TrackCompleted(Guid.NewGuid(), audio?.TaskId ?? "task-1", TrackOperation.Extend, [new CompletedClip(clipId, url)], DateTimeOffset.UtcNow);

        await hosts.Events.Publisher.Publish(completed);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(completed.CorrelationId);
        Assert.Equal(TrackFailureReason.StorageFailed, failed.Reason);
        Assert.StartsWith($"Clip {clipId}: refused by the {rule} rule: ", failed.Message, StringComparison.Ordinal);
        Assert.Empty(await StoredBlobs.UnderAsync(hosts.Blobs, completed.CorrelationId));
        if (audio is not null)
        {
            Assert.Equal(0, hosts.Sandbox.AudioDownloads(audio.TaskId, clipId));
        }
    }

    [Fact]
    public async Task Localhost_is_refused_because_it_resolves_to_127_0_0_1_and_the_reason_says_so()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1");
        var url = new UriBuilder(audio.Clip.AudioUrl) { Host = "localhost" }.Uri.ToString();
        var completed = new TrackCompleted(Guid.NewGuid(), audio.TaskId, TrackOperation.Extend, [new CompletedClip(audio.Clip.ClipId, url)], DateTimeOffset.UtcNow);

        await hosts.Events.Publisher.Publish(completed);

        var failed = await hosts.Events.WaitForAsync<TrackFailed>(completed.CorrelationId);
        Assert.Equal($"Clip {audio.Clip.ClipId}: refused by the internal-address rule: host 'localhost' resolves to 127.0.0.1, which is a loopback address", failed.Message);
    }

    [Fact]
    public async Task A_redirect_to_an_allowed_host_is_followed_and_the_audio_stored()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1");
        var redirect = new Uri(hosts.SandboxUrl, $"/sandbox/redirect?to={Uri.EscapeDataString(audio.Clip.AudioUrl)}");
        var completed = new TrackCompleted(Guid.NewGuid(), audio.TaskId, TrackOperation.Extend, [new CompletedClip(audio.Clip.ClipId, redirect.ToString())], DateTimeOffset.UtcNow);

        await hosts.Events.Publisher.Publish(completed);

        var stored = await hosts.Events.WaitForAsync<TrackStored>(completed.CorrelationId);
        Assert.Equal(hosts.Sandbox.AudioSha256(audio.TaskId, audio.Clip.ClipId), stored.Sha256);
        Assert.Equal(stored.Sha256, await Sha256.OfBlobAsync(hosts.Blobs, stored.BlobUri));
    }
}
