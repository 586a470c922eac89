using MassTransit;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Reports of one task are taken one at a time (partitioned by correlation id), so a webhook and a
/// poll arriving together do not race for the record; a conflict with another endpoint's write,
/// a storage hiccup or a failed publish fails the attempt, and the retry reads the record again:
/// a report already taken then publishes the same events again. The in-memory outbox sends nothing
/// from a failed attempt.
/// </summary>
public sealed class TaskReportedConsumerDefinition : ConsumerDefinition<TaskReportedConsumer>
{
    public TaskReportedConsumerDefinition() => ConcurrentMessageLimit = 16;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TaskReportedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(6, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
        endpointConfigurator.UseInMemoryOutbox(context);
        var partition = endpointConfigurator.CreatePartitioner(ConcurrentMessageLimit ?? 16);
        consumerConfigurator.Message<TaskReported>(m => m.UsePartitioner(partition, c => c.Message.CorrelationId));
    }
}
