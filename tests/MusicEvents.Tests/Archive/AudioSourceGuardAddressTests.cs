using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Archive;
using NSubstitute;

namespace MusicEvents.Tests.Archive;

public sealed class AudioSourceGuardAddressTests
{
    private readonly AudioSourceGuard guard = Guard(privateNetworkHosts: ["127.0.0.1"]);

    [Fact]
    public void A_private_network_host_may_connect_to_its_internal_address()
    {
        guard.CheckAddress("127.0.0.1", IPAddress.Loopback);
    }

    [Theory]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("sandbox.internal", "10.0.0.7")]
    [InlineData("127.0.0.2", "127.0.0.2")]
    [InlineData("[::1]", "::1")]
    [InlineData("[::ffff:127.0.0.1]", "::ffff:127.0.0.1")]
    [InlineData("169.254.169.254", "169.254.169.254")]
    public void Any_other_host_on_an_internal_address_is_refused_by_the_address_rule(string host, string address)
    {
        var refused = Assert.Throws<AudioSourceRefusedException>(() => guard.CheckAddress(host, IPAddress.Parse(address)));

        Assert.Equal(AudioSourceRule.InternalAddress, refused.Rule);
        Assert.Contains(address, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_resolving_inside_says_so_in_the_reason()
    {
        var refused = Assert.Throws<AudioSourceRefusedException>(() => guard.CheckAddress("localhost", IPAddress.Loopback));

        Assert.Equal("internal-address: host 'localhost' resolves to 127.0.0.1, which is a loopback address", refused.Message);
    }

    [Fact]
    public void Without_private_network_hosts_even_the_sandbox_address_is_refused()
    {
        Assert.Throws<AudioSourceRefusedException>(() => Guard(privateNetworkHosts: []).CheckAddress("127.0.0.1", IPAddress.Loopback));
    }

    [Fact]
    public void A_public_address_passes_for_any_host()
    {
        guard.CheckAddress("cdn.musicapi.ai", IPAddress.Parse("104.16.1.1"));
    }

    private static AudioSourceGuard Guard(string[] privateNetworkHosts)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns("Development");
        var options = Options.Create(new ArchiveOptions { AllowedHosts = ["127.0.0.1"], PrivateNetworkHosts = privateNetworkHosts });
        return new AudioSourceGuard(options, environment);
    }
}
