using System.Text.Json.Serialization;

namespace MusicEvents.Contracts;

/// <summary>
/// Why a task failed. On the wire as its name (<c>"reason": "TimedOut"</c>); a number is still read.
/// New reasons may be added in a minor version: treat one you do not know as a permanent failure.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrackFailureReason>))]
public enum TrackFailureReason
{
    /// <summary>The command broke a MusicAPI limit; nothing was sent or charged.</summary>
    InvalidRequest,

    /// <summary>MusicAPI refused the task (validation, moderation, retired type).</summary>
    Rejected,

    /// <summary>MusicAPI's account has too few credits for the task; nothing was charged.</summary>
    InsufficientCredits,

    /// <summary>MusicAPI refused our key: a configuration problem, not the requester's.</summary>
    Unauthorized,

    /// <summary>MusicAPI accepted the task and then failed it.</summary>
    ProviderFailed,

    /// <summary>No final answer arrived within the reconciliation's give-up time; a late success still completes the task.</summary>
    TimedOut,

    /// <summary>
    /// The create call timed out after it was sent: it may have been charged, so it is not resent;
    /// if MusicAPI did take it, its success still completes the task.
    /// </summary>
    SubmissionOutcomeUnknown,

    /// <summary>A clip's audio could not be stored (the message names it and the rule or error).</summary>
    StorageFailed,
    /// <summary>
    /// MusicEvents' own daily credit budget (MusicApi:DailyCreditBudget) was spent and it is set to
    /// fail rather than wait for the next day; nothing was sent or charged.
    /// </summary>
    CreditBudgetExceeded,
}
