namespace MusicEvents.Core.Tracking;

/// <summary>
/// One step of a task: the state it moved to, and the id of the input that moved it (see
/// <see cref="TrackInputs"/>), so that the same input coming again is recognised and gets the same
/// events again. Entries written before inputs were named have none.
/// </summary>
public sealed record TrackHistoryEntry(
    TrackTaskState State,
    DateTimeOffset At,
    string? Note = null,
    string? Input = null,
    TrackFailure? Failure = null);
