using MassTransit;

namespace MusicEvents.Core.Messaging;

public static class ConsumeContextExtensions
{
    /// <summary>
    /// Publishes a transition's events through the consume context, so that the endpoint's in-memory
    /// outbox sends them only once the consumer has finished, and none of them if it throws.
    /// </summary>
    public static async Task PublishEventsAsync(this ConsumeContext context, IEnumerable<object> events)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var message in events)
        {
            await context.Publish(message, message.GetType(), context.CancellationToken);
        }
    }

    /// <summary>
    /// This message may have been consumed before, up to a failure after its writes: a retry of this
    /// consume, or the broker delivering it again (the connection or the process was lost before the ack).
    /// </summary>
    public static bool MayBeRedelivered(this ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetRetryAttempt() > 0 || context.GetRedeliveryCount() > 0 || context.ReceiveContext.Redelivered;
    }
}
