namespace MusicEvents.Core.Archive;

/// <summary>
/// An audio URL, address or answer that a rule forbids. What the URL, the address or the headers
/// break is final; a body that stalls or trickles is worth another attempt (see <see cref="WorthAnotherAttempt"/>).
/// </summary>
public sealed class AudioSourceRefusedException(AudioSourceRule rule, string detail)
    : Exception($"{NameOf(rule)}: {detail}")
{
    public AudioSourceRule Rule { get; } = rule;

    /// <summary>What broke the rule: hosts and addresses, never a URL's query.</summary>
    public string Detail { get; } = detail;

    /// <summary>
    /// True for the rules a new connection may pass: a stall or a slow path is often one connection's
    /// bad luck (a busy CDN edge), so it is retried as a cut-off body is, and the last refusal names the rule.
    /// </summary>
    public bool WorthAnotherAttempt => Rule is AudioSourceRule.StallTimeout or AudioSourceRule.MinBytesPerSecond;

    /// <summary>The rule as it appears in failure reasons: "internal-address", "max-bytes"…</summary>
    public string RuleName => NameOf(Rule);

    public static string NameOf(AudioSourceRule rule) => rule switch
    {
        AudioSourceRule.Scheme => "scheme",
        AudioSourceRule.HttpsOnly => "https-only",
        AudioSourceRule.AllowedHosts => "allowed-hosts",
        AudioSourceRule.InternalAddress => "internal-address",
        AudioSourceRule.Redirects => "redirects",
        AudioSourceRule.ContentType => "content-type",
        AudioSourceRule.MaxBytes => "max-bytes",
        AudioSourceRule.StallTimeout => "stall-timeout",
        AudioSourceRule.MinBytesPerSecond => "min-bytes-per-second",
        _ => rule.ToString(),
    };
}
