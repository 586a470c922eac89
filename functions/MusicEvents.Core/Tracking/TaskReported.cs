using MusicEvents.Core.MusicApi;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Internal: MusicAPI's final word on a task, verified by the webhook (or polled by the reconciler),
/// for <see cref="TaskReportedConsumer"/> to apply. <paramref name="Input"/> names the report
/// (<see cref="TrackInputs.Webhook"/>, <see cref="TrackInputs.Poll"/>). A webhook's report carries
/// its <paramref name="Delivery"/>, kept by the consumer in the same write as the task.
/// <paramref name="Replay"/>: an operator asked for the events of a report taken before to go out again.
/// </summary>
public sealed record TaskReported(Guid CorrelationId, string Input, ProviderTaskReport Report, WebhookDelivery? Delivery = null, bool Replay = false);
