namespace MusicEvents.Core.Submission.Gate;

/// <summary>
/// A task's place in the gate, as the timer lists it: <paramref name="Holder"/> took slot
/// <paramref name="Slot"/> at <paramref name="Since"/> (before its claim); <paramref name="ETag"/> is
/// the version listed, so that freeing it never frees a place taken again since.
/// </summary>
public sealed record GatePlace(Guid Holder, int Slot, DateTimeOffset Since, string ETag);
