namespace MusicEvents.Core.Tracking;

public sealed record TrackHistoryEntry(TrackTaskState State, DateTimeOffset At, string? Note = null);
