namespace MusicEvents.Core.Submission;

/// <summary>
/// What a submission consumer does after <see cref="TrackSubmitter"/>: publish the events, and when
/// <paramref name="SendAgain"/>, put its command back at the end of its queue (it waited as long as
/// a consumer may hold a message; it waits on, as a new delivery).
/// </summary>
public sealed record SubmissionResult(IReadOnlyList<object> Events, bool SendAgain = false);
