using MusicEvents.Contracts;

namespace MusicEvents.Core.Tracking;

/// <summary>Why a task failed, as its <see cref="TrackFailed"/> says it.</summary>
public sealed record TrackFailure(TrackFailureReason Reason, string Message, bool? CreditsRefunded = null)
{
    /// <summary>MusicAPI may still deliver (and has charged for) a task we gave up on.</summary>
    public bool IsGiveUp => Reason is TrackFailureReason.TimedOut or TrackFailureReason.SubmissionOutcomeUnknown;

    public override string ToString() => $"{Reason}: {Message}";
}
