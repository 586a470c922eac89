namespace MusicEvents.Sandbox;

/// <summary>
/// A validated create body, legacy aliases already folded in. The webhook secret is kept apart
/// (on <see cref="SandboxTask"/>) so that printing a request can never leak it.
/// </summary>
public sealed record TaskRequest(
    string TaskType,
    string ClipId,
    double StartsAt,
    double? EndsAt,
    double? Length,
    string? Instruction,
    string? Lyrics,
    string? Sound,
    string? WebhookUrl)
{
    public const string Extend = "extend_music";
    public const string Replace = "replace_music";
    public const double DefaultLength = 60;

    /// <summary>Seconds of audio the task produces: extend → length, replace → the section, at least 1.</summary>
    public double OutputSeconds => TaskType == Extend
        ? Length ?? DefaultLength
        : Math.Max(1, (EndsAt ?? StartsAt) - StartsAt);
}
