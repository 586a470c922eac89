namespace MusicEvents.Core.Tracking;

/// <summary>What retention found in a finished task's partition, and did.</summary>
public abstract record FinishedTaskDeletion
{
    private FinishedTaskDeletion() { }

    /// <summary>Every row of the partition is deleted (or none was left).</summary>
    public sealed record Deleted : FinishedTaskDeletion;

    /// <summary>The task is open: its final write never happened (it is listed again when it finishes).</summary>
    public sealed record Open : FinishedTaskDeletion;

    /// <summary>Changed at <paramref name="UpdatedAt"/>, after the cut-off (stored, or a late success): kept, to be listed under that time.</summary>
    public sealed record ChangedSince(DateTimeOffset UpdatedAt) : FinishedTaskDeletion;

    /// <summary>Written while it was being deleted: left for the next run.</summary>
    public sealed record Contended : FinishedTaskDeletion;
}
