using MassTransit;

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// As every consumer that changes a task: retried from a fresh read on a conflict, a storage hiccup
/// or a failed publish (a verdict already taken publishes its event again), outbox in memory.
/// </summary>
public sealed class TaskOverdueConsumerDefinition : ConsumerDefinition<TaskOverdueConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TaskOverdueConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(6, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200)));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
