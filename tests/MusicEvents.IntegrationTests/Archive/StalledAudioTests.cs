using MusicEvents.Contracts;
using MusicEvents.Core.Archive;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// Audio hosts that hold a connection without finishing it, on real sockets: the sandbox's stall and
/// trickle answers, and a server that never answers at all. A ClipArchiver of the test's own with
/// short limits, so that each rule shows within a second or two.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class StalledAudioTests(MusicEventsHosts hosts)
{
    // The trickle (1 KiB every 100 ms) never pauses long enough for the stall timeout: only the rate rule stops it.
    private static readonly (string, string)[] ShortLimits =
    [
        ("AllowedHosts:0", "127.0.0.1"), ("PrivateNetworkHosts:0", "127.0.0.1"), ("Attempts", "2"),
        ("StallTimeout", "00:00:00.750"), ("MinBytesPerSecond", $"{100 * 1024}"), ("TransferGrace", "00:00:00.500"),
    ];

    [Fact]
    public async Task A_body_that_stalls_halfway_is_abandoned_retried_and_refused_by_the_stall_timeout_rule()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1+stall");
        await using var archive = new DedicatedArchiver("Development", ShortLimits);
        var correlationId = Guid.NewGuid();

        var refused = await RefusedAsync(archive, audio.Clip.AudioUrl, correlationId);

        Assert.Equal(AudioSourceRule.StallTimeout, refused.Rule);
        Assert.Equal("stall-timeout", refused.RuleName);
        Assert.Equal($"no byte of the audio for 0.75 s (Archive:StallTimeout) after {512 * 1024} bytes", refused.Detail);
        Assert.Equal(2, hosts.Sandbox.AudioDownloads(audio.TaskId, audio.Clip.ClipId));
        Assert.Empty(await StoredBlobs.UnderAsync(hosts.Blobs, correlationId));
    }

    [Fact]
    public async Task A_body_that_stalls_once_is_downloaded_again_and_stored_whole()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1+stallonce");
        await using var archive = new DedicatedArchiver("Development", ShortLimits);

        var stored = await ArchiveAsync(archive, audio.Clip.AudioUrl, Guid.NewGuid(), audio.TaskId);

        Assert.Equal(1 << 20, stored.SizeBytes);
        Assert.Equal(hosts.Sandbox.AudioSha256(audio.TaskId, audio.Clip.ClipId), stored.Sha256);
        Assert.Equal(2, hosts.Sandbox.AudioDownloads(audio.TaskId, audio.Clip.ClipId));
    }

    [Fact]
    public async Task A_body_that_trickles_below_the_minimum_rate_is_cut_off_and_refused_by_the_rate_rule()
    {
        // 1 MiB at 10 KiB/s would take 100 s; the rule allows 0.5 s + 10 s at 100 KiB/s, and cuts
        // it as soon as the bytes fall behind that pace.
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1+trickle");
        await using var archive = new DedicatedArchiver("Development", ShortLimits);
        var correlationId = Guid.NewGuid();

        // Cut off by the rule, not by the test's own bound (30 s, which would throw another exception).
        var refused = await RefusedAsync(archive, audio.Clip.AudioUrl, correlationId);

        Assert.Equal(AudioSourceRule.MinBytesPerSecond, refused.Rule);
        Assert.Equal("min-bytes-per-second", refused.RuleName);
        Assert.Matches(@"^\d+ bytes of audio in [\d.]+ s, slower than Archive:MinBytesPerSecond \(102400\) after Archive:TransferGrace \(0.5 s\)$", refused.Detail);
        Assert.Equal(2, hosts.Sandbox.AudioDownloads(audio.TaskId, audio.Clip.ClipId));
        Assert.Empty(await StoredBlobs.UnderAsync(hosts.Blobs, correlationId));
    }

    [Fact]
    public async Task A_server_that_never_sends_headers_is_refused_by_the_stall_timeout_rule()
    {
        using var silent = new SilentServer();
        await using var archive = new DedicatedArchiver("Development", ShortLimits);

        var refused = await RefusedAsync(archive, $"http://127.0.0.1:{silent.Port}/audio/none.wav", Guid.NewGuid());

        Assert.Equal(AudioSourceRule.StallTimeout, refused.Rule);
        Assert.Equal("no answer from '127.0.0.1' within 0.75 s (Archive:StallTimeout)", refused.Detail);
        Assert.Equal(2, silent.Connections);
    }

    [Fact]
    public async Task A_slow_but_steady_body_is_stored_under_the_same_limits()
    {
        // 64 KiB every 50 ms: about 1.25 MiB/s, never silent for long.
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1+slowaudio");
        await using var archive = new DedicatedArchiver("Development", ShortLimits);

        var stored = await ArchiveAsync(archive, audio.Clip.AudioUrl, Guid.NewGuid(), audio.TaskId);

        Assert.Equal(hosts.Sandbox.AudioSha256(audio.TaskId, audio.Clip.ClipId), stored.Sha256);
        Assert.Equal(1, hosts.Sandbox.AudioDownloads(audio.TaskId, audio.Clip.ClipId));
    }

    private static async Task<TrackStored> ArchiveAsync(DedicatedArchiver archive, string url, Guid correlationId, string taskId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await archive.Archiver.ArchiveAsync(correlationId, taskId, new CompletedClip($"clip-{Guid.NewGuid():N}", url), timeout.Token);
    }

    private static async Task<AudioSourceRefusedException> RefusedAsync(DedicatedArchiver archive, string url, Guid correlationId)
    {
        // Bounded: without the rules these downloads would wait as long as the server likes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Assert.ThrowsAsync<AudioSourceRefusedException>(
            () => archive.Archiver.ArchiveAsync(correlationId, "task-1", new CompletedClip($"clip-{Guid.NewGuid():N}", url), timeout.Token));
    }
}
