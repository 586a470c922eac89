namespace MusicEvents.Core.Submission.Gate;

/// <summary>A task listed as finished at <paramref name="FinishedAt"/>, for the retention sweep.</summary>
public sealed record FinishedTask(Guid CorrelationId, DateTimeOffset FinishedAt);
