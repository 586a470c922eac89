using MusicEvents.Contracts;
using MusicEvents.Core.Archive;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// Rules that need settings the shared DevHost does not have, checked on a ClipArchiver of the
/// test's own against the same Azurite and sandbox.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class DedicatedArchiverRuleTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task Outside_development_an_http_url_is_refused_by_the_https_only_rule()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb1");
        await using var archive = new DedicatedArchiver("Production", ("AllowedHosts:0", "127.0.0.1"));

        var refused = await RefusedAsync(archive, audio.Clip.AudioUrl);

        Assert.Equal(AudioSourceRule.HttpsOnly, refused.Rule);
        Assert.Equal(0, hosts.Sandbox.AudioDownloads(audio.TaskId, audio.Clip.ClipId));
    }

    [Theory]
    [InlineData("127.0.0.1", "Staging")]
    [InlineData("169.254.169.254", "Development")]
    [InlineData("10.0.0.1", "Development")]
    [InlineData("[::1]", "Development")]
    [InlineData("[::ffff:127.0.0.1]", "Development")]
    [InlineData("[::ffff:169.254.169.254]", "Development")]
    [InlineData("[fd00:ec2::254]", "Development")]
    [InlineData("0.0.0.0", "Development")]
    public async Task An_allowed_host_that_is_an_internal_address_is_refused_by_the_address_rule(string host, string environment)
    {
        // Every host allowed, so that only the address rule stands in the way; only the sandbox's
        // own 127.0.0.1 may be internal, and only in development.
        (string, string)[] settings = environment == "Development"
            ? [("AllowedHosts:0", host), ("PrivateNetworkHosts:0", "127.0.0.1")]
            : [("AllowedHosts:0", host)];
        await using var archive = new DedicatedArchiver(environment, settings);
        var scheme = environment == "Development" ? "http" : "https";

        var refused = await RefusedAsync(archive, $"{scheme}://{host}:{hosts.SandboxUrl.Port}/sandbox/audio/none/none.wav");

        Assert.Equal(AudioSourceRule.InternalAddress, refused.Rule);
        Assert.Contains(host.Trim('[', ']'), refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mb2", "claims")]
    [InlineData("mb2+chunked", "while streaming")]
    public async Task Audio_over_the_cap_is_refused_and_leaves_no_blob(string faults, string how)
    {
        var audio = await SandboxAudio.CreateAsync(hosts, faults);
        await using var archive = new DedicatedArchiver(
            "Development", ("AllowedHosts:0", "127.0.0.1"), ("PrivateNetworkHosts:0", "127.0.0.1"), ("MaxBytes", $"{1 << 20}"));
        var correlationId = Guid.NewGuid();

        var refused = await RefusedAsync(archive, audio.Clip.AudioUrl, correlationId);

        Assert.Equal(AudioSourceRule.MaxBytes, refused.Rule);
        Assert.Contains(how, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await StoredBlobs.UnderAsync(hosts.Blobs, correlationId));
    }

    [Fact]
    public async Task The_same_archiver_stores_the_audio_when_no_rule_is_broken()
    {
        var audio = await SandboxAudio.CreateAsync(hosts, "mb2+chunked");
        await using var archive = new DedicatedArchiver(
            "Development", ("AllowedHosts:0", "127.0.0.1"), ("PrivateNetworkHosts:0", "127.0.0.1"), ("MaxBytes", $"{2 << 20}"));

        var stored = await archive.Archiver.ArchiveAsync(Guid.NewGuid(), audio.TaskId, new CompletedClip(audio.Clip.ClipId, audio.Clip.AudioUrl), CancellationToken.None);

        Assert.Equal(hosts.Sandbox.AudioSha256(audio.TaskId, audio.Clip.ClipId), stored.Sha256);
    }

    private static async Task<AudioSourceRefusedException> RefusedAsync(DedicatedArchiver archive, string url, Guid? correlationId = null)
    {
        // Bounded: an address let through by mistake would otherwise wait on a connect timeout.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await Assert.ThrowsAsync<AudioSourceRefusedException>(
            () => archive.Archiver.ArchiveAsync(correlationId ?? Guid.NewGuid(), "task-1", new CompletedClip($"clip-{Guid.NewGuid():N}", url), timeout.Token));
    }
}
