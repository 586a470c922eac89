using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Submission.Gate;

/// <summary>What the gate answers a task that asks to be sent.</summary>
public abstract record GateDecision
{
    private GateDecision() { }

    /// <summary>The task holds a place: send it.</summary>
    public sealed record Entered : GateDecision;

    /// <summary>Not yet, for <paramref name="Wait"/>'s reason; the command stays on its queue.</summary>
    public sealed record Waits(TrackWait Wait) : GateDecision;

    /// <summary>The day's credit budget is spent and MusicApi:OverBudget is Fail.</summary>
    public sealed record OverBudget(string Message) : GateDecision;
}
