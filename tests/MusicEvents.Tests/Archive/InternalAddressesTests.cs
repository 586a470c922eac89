using System.Net;
using MusicEvents.Core.Archive;

namespace MusicEvents.Tests.Archive;

public sealed class InternalAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.20.30")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.1")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("::10.0.0.1")]
    [InlineData("168.63.129.16")]
    [InlineData("fd00:ec2::254")]
    [InlineData("240.0.0.1")]
    public void Loopback_private_link_local_and_metadata_addresses_are_internal(string address)
    {
        Assert.True(InternalAddresses.IsInternal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_not_internal(string address)
    {
        Assert.False(InternalAddresses.IsInternal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("168.63.129.16", "cloud metadata")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd12::1", "unique-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped loopback")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped cloud metadata")]
    [InlineData("64:ff9b::a00:1", "IPv6-embedded private")]
    public void Each_internal_address_is_named_by_its_kind(string address, string kind)
    {
        Assert.Equal(kind, InternalAddresses.Classify(IPAddress.Parse(address)));
    }
}
