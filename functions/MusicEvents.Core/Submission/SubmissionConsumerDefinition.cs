using MassTransit;

namespace MusicEvents.Core.Submission;

/// <summary>
/// Storage hiccups are retried in memory (the broker has no delayed delivery here); MusicAPI's
/// transient answers are retried inside the HTTP client, so a retry here never repeats a create call
/// (the record's claim prevents it). The in-memory outbox publishes nothing from a failed attempt.
/// </summary>
public abstract class SubmissionConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected SubmissionConsumerDefinition() => ConcurrentMessageLimit = 8;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300)));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
