using MassTransit;

namespace MusicEvents.Core.Archive;

/// <summary>Downloads are retried inside the archiver (from the start); only storage hiccups reach
/// this retry. Few at a time: each holds up to Archive:BlocksInFlight + 1 block buffers (20 MiB by
/// default) and as many connections.</summary>
public sealed class TrackCompletedConsumerDefinition : ConsumerDefinition<TrackCompletedConsumer>
{
    public TrackCompletedConsumerDefinition()
    {
        EndpointName = "archive-track";
        ConcurrentMessageLimit = 4;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TrackCompletedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(300)));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
