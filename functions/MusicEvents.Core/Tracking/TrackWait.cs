namespace MusicEvents.Core.Tracking;

/// <summary>
/// Why an accepted task's create call is not sent yet, and until when if that is known: shown by
/// the status route and counted by the telemetry. The command stays on its queue meanwhile.
/// </summary>
public sealed record TrackWait(TrackWaitReason Reason, string Message, DateTimeOffset Since, DateTimeOffset? Until = null);
