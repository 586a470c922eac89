using System.Security.Authentication;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Telemetry;

namespace MusicEvents.Core.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The bus and its consumers. Keys: Messaging__Transport (RabbitMq, the default, or InMemory),
    /// ConnectionStrings__RabbitMq (amqp://user:password@host:port/vhost), Messaging__ClusterNodes__N
    /// (host:port of every node of a RabbitMQ cluster, tried in order, so the bus reconnects to another
    /// node when the one it uses is lost; credentials and virtual host from the connection string).
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        var transport = configuration.GetValue("Messaging:Transport", MessagingTransport.RabbitMq);
        var rabbitMq = transport == MessagingTransport.RabbitMq ? RabbitMq(configuration) : null;
        var clusterNodes = configuration.GetSection("Messaging:ClusterNodes").Get<string[]>() ?? [];

        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddMusicEventsConsumers();

            if (rabbitMq is null)
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.ConfigureJsonSerializerOptions(BusJson.Configure);
                    cfg.UseConsumeFilter(typeof(FlowTagsConsumeFilter<>), context);
                    cfg.ConfigureEndpoints(context);
                });
                return;
            }

            // Quorum queues: replicated and durable, so a command survives a broker node's loss.
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                }
            });
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbitMq.Host, rabbitMq.Port, rabbitMq.VirtualHost, h =>
                {
                    h.Username(rabbitMq.Username);
                    h.Password(rabbitMq.Password);
                    if (rabbitMq.UseTls)
                    {
                        h.UseSsl(ssl => ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13);
                    }

                    if (clusterNodes.Length > 0)
                    {
                        h.UseCluster(cluster => Array.ForEach(clusterNodes, cluster.Node));
                    }
                });
                // Services in other languages publish plain JSON: accepted beside MassTransit's envelope.
                cfg.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false);
                cfg.ConfigureJsonSerializerOptions(BusJson.Configure);
                cfg.UseConsumeFilter(typeof(FlowTagsConsumeFilter<>), context);

                // Every exchange MusicEvents publishes to exists from start: a subscriber binding
                // before the first event would otherwise fail with NOT_FOUND.
                cfg.DeployPublishTopology = true;
                foreach (var messageType in PublishedMessages.All)
                {
                    cfg.PublishTopology.GetMessageTopology(messageType);
                }

                cfg.ConfigureEndpoints(context);
            });
        });

        return services;
    }

    private static RabbitMqAddress RabbitMq(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("RabbitMq")
            ?? throw new ConfigurationRefusedException("ConnectionStrings:RabbitMq is required when Messaging:Transport is RabbitMq.");
        try
        {
            return RabbitMqAddress.Parse(connectionString);
        }
        catch (InvalidOperationException exception)
        {
            throw new ConfigurationRefusedException(exception.Message, exception);
        }
    }
}
