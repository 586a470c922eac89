namespace MusicEvents.Core.Tracking;

/// <summary>
/// What <see cref="ITrackTaskStore.FindToChangeAsync"/> answered: the record (null when there is
/// none), and whether it is a version this process held in memory rather than one just read: a
/// decision to write nothing is taken again on a fresh read only when the answer came from memory.
/// </summary>
public readonly record struct TrackTaskRead(TrackTask? Task, bool Remembered);
