namespace MusicEvents.Core.Archive;

/// <summary>The audio types we store and the file extension each is kept under.</summary>
public static class AudioContentTypes
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["audio/wav"] = "wav",
        ["audio/wave"] = "wav",
        ["audio/x-wav"] = "wav",
        ["audio/vnd.wave"] = "wav",
        ["audio/mpeg"] = "mp3",
        ["audio/mp3"] = "mp3",
        ["audio/mp4"] = "m4a",
        ["audio/m4a"] = "m4a",
        ["audio/x-m4a"] = "m4a",
        ["audio/aac"] = "aac",
        ["audio/flac"] = "flac",
        ["audio/x-flac"] = "flac",
        ["audio/ogg"] = "ogg",
        ["audio/webm"] = "webm",
    };

    public static string? ExtensionOf(string? mediaType) =>
        mediaType is not null && Extensions.TryGetValue(mediaType, out var extension) ? extension : null;
}
