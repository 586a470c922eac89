namespace MusicEvents.Core.Archive;

/// <summary>The rules an audio URL and its answer must pass; each refusal names one.</summary>
public enum AudioSourceRule
{
    /// <summary>Only http and https.</summary>
    Scheme,

    /// <summary>https outside development.</summary>
    HttpsOnly,

    /// <summary>The host is in Archive:AllowedHosts.</summary>
    AllowedHosts,

    /// <summary>No loopback, private, link-local, metadata… address, after DNS and on every redirect.</summary>
    InternalAddress,

    /// <summary>A bounded number of redirects.</summary>
    Redirects,

    /// <summary>The answer is an audio type we store.</summary>
    ContentType,

    /// <summary>At most Archive:MaxBytes, whatever Content-Length claims.</summary>
    MaxBytes,

    /// <summary>No wait for the answer or the next bytes of its body longer than Archive:StallTimeout.</summary>
    StallTimeout,

    /// <summary>
    /// After Archive:TransferGrace the body keeps an average of Archive:MinBytesPerSecond, so a clip
    /// of N bytes is in within TransferGrace + N / MinBytesPerSecond.
    /// </summary>
    MinBytesPerSecond,
}
