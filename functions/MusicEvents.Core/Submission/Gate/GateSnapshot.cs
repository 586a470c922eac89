namespace MusicEvents.Core.Submission.Gate;

/// <summary>The gate as one read found it: the places (slots) with their holders, the pause, the credits spent by day.</summary>
public sealed record GateSnapshot(IReadOnlyList<GateSlot> Slots, DateTimeOffset? PausedUntil, IReadOnlyDictionary<string, int> CreditsByDay);

/// <summary>One place for a task submitted and not final; <paramref name="Day"/> is the budget day it was charged to.</summary>
public sealed record GateSlot(int Index, Guid? Holder, string? Day);
