using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Hosting;

namespace MusicEvents.Tests.Hosting;

public sealed class ShutdownGraceTests
{
    [Fact]
    public void Consumers_are_cancelled_before_the_bus_must_be_stopped_and_the_bus_before_the_host_gives_up()
    {
        using var provider = new ServiceCollection().AddShutdownGrace().BuildServiceProvider();

        var host = provider.GetRequiredService<IOptions<HostOptions>>().Value;
        var bus = provider.GetRequiredService<IOptions<MassTransitHostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(30), host.ShutdownTimeout);
        Assert.True(bus.ConsumerStopTimeout < bus.StopTimeout, $"{bus.ConsumerStopTimeout} then {bus.StopTimeout}");
        Assert.True(bus.StopTimeout < host.ShutdownTimeout, $"{bus.StopTimeout} then {host.ShutdownTimeout}");
    }
}
