namespace MusicEvents.Contracts;

/// <summary>MusicAPI accepted the task; its result will arrive by webhook or reconciliation.</summary>
public sealed record TrackSubmitted(
    Guid CorrelationId,
    string TaskId,
    TrackOperation Operation,
    DateTimeOffset SubmittedAt);
