using MusicEvents.Core.MusicApi;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Internal: MusicAPI's final word on a task, verified and deduplicated by the webhook (or polled by
/// the reconciler), for <see cref="TaskReportedConsumer"/> to apply. <paramref name="Input"/> names
/// the report (<see cref="TrackInputs.Webhook"/>, <see cref="TrackInputs.Poll"/>): the same report
/// again, an operator's replay included, gets the same events again.
/// </summary>
public sealed record TaskReported(Guid CorrelationId, string Input, ProviderTaskReport Report);
