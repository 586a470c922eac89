using MusicEvents.Contracts;
using MusicEvents.Core.Reconciliation;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Messaging;

/// <summary>
/// Every message type MusicEvents publishes. Their exchanges are declared when the bus starts, so
/// that a subscriber can bind its queue before the first of them is ever published.
/// </summary>
public static class PublishedMessages
{
    /// <summary>The events other services subscribe to (documented in docs/asyncapi.yaml).</summary>
    public static IReadOnlyList<Type> Events { get; } =
        [typeof(TrackSubmitted), typeof(TrackCompleted), typeof(TrackFailed), typeof(TrackStored)];

    /// <summary>The commands the HTTP routes put on the bus, as any other service would publish them.</summary>
    public static IReadOnlyList<Type> Commands { get; } = [typeof(ExtendTrackCommand), typeof(ReplaceSectionCommand)];

    /// <summary>Between MusicEvents' own consumers only: not a contract, may change in any release.</summary>
    public static IReadOnlyList<Type> Internal { get; } = [typeof(TaskReported), typeof(TaskOverdue)];

    public static IReadOnlyList<Type> All { get; } = [.. Events, .. Commands, .. Internal];

    /// <summary>The RabbitMQ exchange MassTransit publishes a message type to: its full name, namespace and type joined by ':'.</summary>
    public static string ExchangeOf(Type messageType)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        return $"{messageType.Namespace}:{messageType.Name}";
    }
}
