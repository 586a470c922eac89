namespace MusicEvents.Core.Tracking;

/// <summary>
/// Accepted → Submitted → Completed → Stored, or Failed. Forward only, with one way back: a task
/// failed because we gave up on MusicAPI moves to Completed when its success arrives late.
/// </summary>
public enum TrackTaskState
{
    Accepted,
    Submitted,
    Completed,
    Stored,
    Failed,
}
