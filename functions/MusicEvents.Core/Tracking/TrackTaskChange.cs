namespace MusicEvents.Core.Tracking;

/// <summary>
/// What an input does to a task: the record as it is now and the events to publish. A change that
/// only repeats an input already taken carries the same events again and nothing to write.
/// </summary>
public sealed record TrackTaskChange(TrackTask Task, IReadOnlyList<object> Events, bool MustSave)
{
    /// <summary>The record as it was read, before this change (and the changes it follows); null for a new record.</summary>
    public TrackTask? Before { get; init; }

    /// <summary>Nothing to write, nothing to publish: the start of a chain of inputs.</summary>
    public static TrackTaskChange None(TrackTask task) => new(task, [], false) { Before = task };

    /// <summary>A record that does not exist in storage yet.</summary>
    public static TrackTaskChange New(TrackTask task) => new(task, [], true);

    /// <summary>Applies the next input to the record this change left; an input that does nothing keeps this change.</summary>
    public TrackTaskChange Then(Func<TrackTask, TrackTaskChange?> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return next(Task) is { } following
            ? new(following.Task, [.. Events, .. following.Events], MustSave || following.MustSave) { Before = Before }
            : this;
    }
}
