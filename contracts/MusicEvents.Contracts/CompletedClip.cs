namespace MusicEvents.Contracts;

/// <summary>One clip of a finished task, as MusicAPI reported it; the URLs are MusicAPI's, not ours.</summary>
public sealed record CompletedClip(
    string ClipId,
    string AudioUrl,
    string? WavUrl = null,
    string? ImageUrl = null,
    string? Title = null,
    double? DurationSeconds = null);
