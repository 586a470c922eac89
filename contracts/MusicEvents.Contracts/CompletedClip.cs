namespace MusicEvents.Contracts;

/// <summary>One clip of a finished task, as MusicAPI reported it; the URLs are MusicAPI's, not ours.</summary>
/// <param name="ClipId">MusicAPI's id of the new clip; <see cref="TrackStored.ClipId"/> names it again once stored.</param>
/// <param name="AudioUrl">Where MusicAPI serves the clip's audio (MP3 or WAV); it may expire: use <see cref="TrackStored.BlobUri"/> to keep it.</param>
/// <param name="WavUrl">A WAV rendering, when MusicAPI gave one.</param>
/// <param name="ImageUrl">Cover art, when MusicAPI gave one.</param>
/// <param name="Title">The clip's title, when MusicAPI gave one.</param>
/// <param name="DurationSeconds">Length of the audio in seconds (with fractions), when MusicAPI gave it.</param>
public sealed record CompletedClip(
    string ClipId,
    string AudioUrl,
    string? WavUrl = null,
    string? ImageUrl = null,
    string? Title = null,
    double? DurationSeconds = null);
