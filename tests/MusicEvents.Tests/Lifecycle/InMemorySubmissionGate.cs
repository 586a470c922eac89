using Microsoft.Extensions.Options;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Submission.Gate;

namespace MusicEvents.Tests.Lifecycle;

/// <summary><see cref="ISubmissionGate"/> in memory, deciding by the same <see cref="GateRules"/> as the Table gate.</summary>
internal sealed class InMemorySubmissionGate(IOptions<MusicApiOptions> options) : ISubmissionGate
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, (Guid Holder, string? Day)> slots = [];
    private readonly Dictionary<string, int> credits = new(StringComparer.Ordinal);
    private DateTimeOffset? pausedUntil;

    /// <summary>The most places held at once so far.</summary>
    public int PeakHeld { get; private set; }

    public int Held
    {
        get { lock (gate) { return slots.Count; } }
    }

    public Task<GateDecision> TryEnterAsync(Guid correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var snapshot = new GateSnapshot([.. slots.Select(s => new GateSlot(s.Key, s.Value.Holder, s.Value.Day))], pausedUntil, new Dictionary<string, int>(credits));
            var decision = GateRules.Decide(snapshot, correlationId, now, options.Value, out var entry);
            if (entry is not null)
            {
                slots[entry.SlotIndex] = (correlationId, entry.Day);
                if (entry.Day is { } day)
                {
                    credits[day] = credits.GetValueOrDefault(day) + 12;
                }

                PeakHeld = Math.Max(PeakHeld, slots.Count);
            }

            return Task.FromResult(decision);
        }
    }

    public Task LeaveAsync(Guid correlationId, bool charged, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var (index, slot) in slots.Where(s => s.Value.Holder == correlationId).ToList())
            {
                slots.Remove(index);
                if (!charged && slot.Day is { } day)
                {
                    credits[day] -= 12;
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task PauseAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            pausedUntil = until;
        }

        return Task.CompletedTask;
    }

    public async Task<int> SweepAsync(Func<Guid, CancellationToken, Task<bool>> isOpen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isOpen);
        List<Guid> holders;
        lock (gate)
        {
            holders = [.. slots.Values.Select(s => s.Holder)];
        }

        var freed = 0;
        foreach (var holder in holders)
        {
            if (!await isOpen(holder, cancellationToken))
            {
                await LeaveAsync(holder, charged: true, cancellationToken);
                freed++;
            }
        }

        return freed;
    }
}
