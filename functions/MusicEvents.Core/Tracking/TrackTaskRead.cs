namespace MusicEvents.Core.Tracking;

/// <summary>
/// What <see cref="ITrackTaskStore.FindToChangeAsync"/> answered: the record (null when there is
/// none), and whether it is a version this process held in memory rather than one just read, so
/// that a decision to write nothing is taken again on a read only when it was not read already.
/// </summary>
public readonly record struct TrackTaskRead(TrackTask? Task, bool Remembered);
