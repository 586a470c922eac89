namespace MusicEvents.Core.Tracking;

/// <summary>A task moves forward only: Accepted → Submitted → Completed → Stored, or to Failed.</summary>
public enum TrackTaskState
{
    Accepted,
    Submitted,
    Completed,
    Stored,
    Failed,
}
