namespace MusicEvents.Core.Tracking;

/// <summary>What holds a task back before its create call.</summary>
public enum TrackWaitReason
{
    /// <summary>MusicApi:MaxInFlight tasks are submitted and not final.</summary>
    MaxInFlight,

    /// <summary>MusicAPI answered 429 or 503 with Retry-After: every instance waits that long.</summary>
    RetryAfter,

    /// <summary>MusicAPI answered "not charged" (429, 5xx, refused connection) without saying how long: backoff.</summary>
    NotCharged,

    /// <summary>MusicApi:DailyCreditBudget is spent for this UTC day.</summary>
    DailyCreditBudget,
}
