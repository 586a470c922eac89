namespace MusicEvents.Core.Webhooks;

/// <summary>What recording a delivery in the inbox found.</summary>
public enum InboxClaim
{
    /// <summary>New, or seen before but never processed in full: this request processes it now.</summary>
    Claimed,

    /// <summary>Another request is processing the same delivery right now.</summary>
    InFlight,

    /// <summary>Processed in full before: nothing new to do.</summary>
    AlreadyProcessed,
}
