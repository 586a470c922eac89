namespace MusicEvents.Core.Submission;

/// <summary>
/// The bounds every command is checked against before anything is sent or charged. MusicAPI's own
/// limits (musicapi.md) where it has them; ours where it is silent, documented in README.md.
/// </summary>
public static class TrackRequestLimits
{
    public const int ClipIdMaxLength = 128;
    public const double StartsAtMax = 86_400;
    public const double LengthMin = 1;
    public const double LengthMax = 240;
    public const int InstructionMaxLength = 1_000;
    public const int LyricsMaxLength = 5_000;
    public const int SoundMaxLength = 500;
}
