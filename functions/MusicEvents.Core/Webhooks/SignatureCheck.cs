namespace MusicEvents.Core.Webhooks;

/// <summary>Why a delivery's signature was or was not believed; logged, never echoed to the sender.</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    LegacyScheme,
    MalformedTimestamp,
    MalformedSignature,
    StaleTimestamp,
    Mismatch,
}
