namespace MusicEvents.Sandbox;

/// <summary>One output clip, as in a task answer and a webhook's <c>data</c>.</summary>
public sealed record SandboxClip(
    string ClipId,
    string State,
    string Title,
    string AudioUrl,
    string ImageUrl,
    double Duration,
    DateTimeOffset CreatedAt);
