using MusicEvents.Core.Messaging;

namespace MusicEvents.Tests.Messaging;

public sealed class RabbitMqAddressTests
{
    [Fact]
    public void Every_part_of_a_full_address_is_read()
    {
        var address = RabbitMqAddress.Parse("amqp://music:s3cr%40t@rabbit.internal:5673/music-events");

        Assert.Equal(new RabbitMqAddress("rabbit.internal", 5673, "music-events", "music", "s3cr@t", UseTls: false), address);
    }

    [Fact]
    public void Missing_parts_take_rabbitmq_defaults()
    {
        var address = RabbitMqAddress.Parse("amqp://localhost");

        Assert.Equal(new RabbitMqAddress("localhost", 5672, "/", "guest", "guest", UseTls: false), address);
    }

    [Theory]
    [InlineData("amqp://localhost/")]
    [InlineData("amqp://localhost/%2F")]
    public void Root_virtual_host_is_slash(string connectionString)
    {
        Assert.Equal("/", RabbitMqAddress.Parse(connectionString).VirtualHost);
    }

    [Fact]
    public void Amqps_without_a_port_uses_the_tls_port()
    {
        // RabbitMQ listens for TLS on 5671; 5672 is the plain-text port.
        var address = RabbitMqAddress.Parse("amqps://user:pw@rabbit.example.com/vhost");
        Assert.Equal((5671, true), (address.Port, address.UseTls));
    }

    [Theory]
    [InlineData("http://admin:hunter2-secret@rabbit.internal:5672/")]
    [InlineData("host=rabbit.internal;username=admin;password=hunter2-secret")]
    [InlineData("rabbit.internal:5672 hunter2-secret")]
    public void Non_amqp_value_is_refused_without_echoing_it(string connectionString)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RabbitMqAddress.Parse(connectionString));

        Assert.Contains("ConnectionStrings:RabbitMq", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rabbit.internal", exception.Message, StringComparison.Ordinal);
    }
}
