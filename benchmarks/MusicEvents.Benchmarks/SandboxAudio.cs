namespace MusicEvents.Benchmarks;

/// <summary>A finished sandbox task's audio: where it is served and how long it is.</summary>
public sealed record SandboxAudio(string TaskId, string ClipId, Uri Url, long Bytes);
