namespace MusicEvents.Contracts;

public sealed record TrackCompleted(
    Guid CorrelationId,
    string TaskId,
    TrackOperation Operation,
    IReadOnlyList<CompletedClip> Clips,
    DateTimeOffset CompletedAt);
