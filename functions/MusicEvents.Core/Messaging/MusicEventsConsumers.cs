using MassTransit;
using MusicEvents.Core.Archive;
using MusicEvents.Core.Reconciliation;
using MusicEvents.Core.Submission;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Messaging;

public static class MusicEventsConsumers
{
    /// <summary>Every consumer of MusicEvents with its definition: the hosts' bus and the tests' harness register the same.</summary>
    public static void AddMusicEventsConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<ExtendTrackConsumer, ExtendTrackConsumerDefinition>();
        bus.AddConsumer<ReplaceSectionConsumer, ReplaceSectionConsumerDefinition>();
        bus.AddConsumer<TaskReportedConsumer, TaskReportedConsumerDefinition>();
        bus.AddConsumer<TaskOverdueConsumer, TaskOverdueConsumerDefinition>();
        bus.AddConsumer<TrackCompletedConsumer, TrackCompletedConsumerDefinition>();
    }
}
