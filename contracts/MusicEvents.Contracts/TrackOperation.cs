namespace MusicEvents.Contracts;

public enum TrackOperation
{
    /// <summary>Only when MusicAPI reported on a task whose request we have no record of.</summary>
    Unknown,
    Extend,
    ReplaceSection,
}
