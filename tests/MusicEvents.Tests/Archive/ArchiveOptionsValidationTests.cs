using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Archive;
using MusicEvents.Core.Hosting;
using NSubstitute;

namespace MusicEvents.Tests.Archive;

public sealed class ArchiveOptionsValidationTests
{
    [Fact]
    public void Private_network_hosts_are_accepted_in_development()
    {
        var options = Resolve("Development", ("Archive:PrivateNetworkHosts:0", "127.0.0.1"));

        Assert.Equal(["127.0.0.1"], options.PrivateNetworkHosts);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Private_network_hosts_are_refused_outside_development(string environment)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(environment, ("Archive:PrivateNetworkHosts:0", "127.0.0.1")));

        Assert.Contains("Archive:PrivateNetworkHosts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_retired_AllowPrivateNetworks_key_stops_the_host_with_its_replacement_named()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve("Development", ("Archive:AllowPrivateNetworks", "true")));

        Assert.Contains("Archive:PrivateNetworkHosts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_cap_at_512_MiB_with_no_private_network_host()
    {
        var options = Resolve("Production");

        Assert.Equal(512L * 1024 * 1024, options.MaxBytes);
        Assert.Empty(options.PrivateNetworkHosts);
    }

    [Fact]
    public void Defaults_wait_30_s_for_a_stalled_answer_and_want_64_KiB_per_second_after_30_s()
    {
        var options = Resolve("Production");

        Assert.Equal(TimeSpan.FromSeconds(30), options.StallTimeout);
        Assert.Equal(64 * 1024, options.MinBytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(30), options.TransferGrace);
    }

    [Theory]
    [InlineData("Archive:StallTimeout", "00:00:00", "Archive:StallTimeout")]
    [InlineData("Archive:MinBytesPerSecond", "0", "MinBytesPerSecond")]
    [InlineData("Archive:TransferGrace", "-00:00:01", "Archive:TransferGrace")]
    public void A_pace_limit_out_of_range_stops_the_host_with_its_name(string key, string value, string named)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve("Production", (key, value)));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_stage_four_blocks_at_once_in_well_under_100_MB_of_buffers()
    {
        var options = Resolve("Production");

        Assert.Equal(4, options.BlocksInFlight);
        Assert.True((long)options.BlockBytes * (options.BlocksInFlight + 1) <= 50_000_000, $"{options.BlockBytes} B × {options.BlocksInFlight + 1}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    public void Blocks_in_flight_out_of_range_stop_the_host_with_its_name(string value)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve("Production", ("Archive:BlocksInFlight", value)));

        Assert.Contains("Archive:BlocksInFlight", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffers_of_one_clip_over_256_MiB_stop_the_host_naming_both_settings()
    {
        var failure = Assert.Throws<OptionsValidationException>(
            () => Resolve("Production", ("Archive:BlockBytes", $"{64 * 1024 * 1024}"), ("Archive:BlocksInFlight", "4")));

        Assert.Contains("Archive:BlockBytes", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Archive:BlocksInFlight", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffers_of_one_clip_of_exactly_256_MiB_are_accepted()
    {
        var options = Resolve("Production", ("Archive:BlockBytes", $"{64 * 1024 * 1024}"), ("Archive:BlocksInFlight", "3"));

        Assert.Equal(3, options.BlocksInFlight);
    }

    private static ArchiveOptions Resolve(string environmentName, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Archive:AllowedHosts:0", "cdn.musicapi.ai"), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))])
            .Build();
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(environmentName);
        var services = new ServiceCollection().AddSingleton(environment);
        services.AddArchive(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ArchiveOptions>>().Value;
    }
}
