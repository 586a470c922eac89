using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Archive;
using NSubstitute;

namespace MusicEvents.Tests.Archive;

public sealed class AudioSourceGuardUrlTests
{
    [Fact]
    public void Https_url_on_an_allowed_host_passes()
    {
        Guard("Production").CheckUrl(new Uri("https://cdn.musicapi.ai/clips/c1.m4a"));
    }

    [Fact]
    public void Allowed_host_is_matched_case_insensitively()
    {
        Guard("Production").CheckUrl(new Uri("https://CDN.MusicAPI.ai/clips/c1.m4a"));
    }

    [Theory]
    [InlineData("ftp://cdn.musicapi.ai/clips/c1.m4a")]
    [InlineData("file:///etc/passwd")]
    public void Url_other_than_http_or_https_is_refused(string url)
    {
        var refused = Assert.Throws<AudioSourceRefusedException>(() => Guard("Development").CheckUrl(new Uri(url)));
        Assert.Equal(AudioSourceRule.Scheme, refused.Rule);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Http_url_is_refused_outside_development(string environment)
    {
        var refused = Assert.Throws<AudioSourceRefusedException>(() => Guard(environment).CheckUrl(new Uri("http://cdn.musicapi.ai/clips/c1.m4a")));
        Assert.Equal(AudioSourceRule.HttpsOnly, refused.Rule);
    }

    [Fact]
    public void Http_url_on_an_allowed_host_passes_in_development()
    {
        Guard("Development").CheckUrl(new Uri("http://cdn.musicapi.ai/clips/c1.m4a"));
    }

    [Theory]
    [InlineData("https://evil.example/c1.m4a")]
    [InlineData("https://cdn.musicapi.ai.evil.example/c1.m4a")]
    [InlineData("https://cdn.musicapi.ai@evil.example/c1.m4a")]
    [InlineData("https://musicapi.ai/c1.m4a")]
    public void Host_not_in_allowed_hosts_is_refused(string url)
    {
        var refused = Assert.Throws<AudioSourceRefusedException>(() => Guard("Production").CheckUrl(new Uri(url)));
        Assert.Equal(AudioSourceRule.AllowedHosts, refused.Rule);
    }

    [Fact]
    public void Allowed_ip_literals_match_whatever_their_spelling()
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns("Development");
        var guard = new AudioSourceGuard(Options.Create(new ArchiveOptions { AllowedHosts = ["::1", "[fd00::1]"] }), environment);

        guard.CheckUrl(new Uri("http://[::1]:8080/a.wav"));
        guard.CheckUrl(new Uri("http://[fd00:0::1]/a.wav"));
    }

    private static AudioSourceGuard Guard(string environmentName)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(environmentName);
        var options = Options.Create(new ArchiveOptions { AllowedHosts = ["cdn.musicapi.ai"] });
        return new AudioSourceGuard(options, environment);
    }
}
