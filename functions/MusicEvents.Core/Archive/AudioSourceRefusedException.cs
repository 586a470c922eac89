namespace MusicEvents.Core.Archive;

/// <summary>An audio URL, address or answer that a rule forbids; never worth another attempt.</summary>
public sealed class AudioSourceRefusedException(AudioSourceRule rule, string detail)
    : Exception($"{NameOf(rule)}: {detail}")
{
    public AudioSourceRule Rule { get; } = rule;

    /// <summary>What broke the rule: hosts and addresses, never a URL's query.</summary>
    public string Detail { get; } = detail;

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
        _ => rule.ToString(),
    };
}
