using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Submission.Gate;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>
/// <see cref="ISubmissionGate"/> in memory, deciding by the same <see cref="GateRules"/> as the Table
/// gate, with its places (each with its version, so freeing a place taken again since fails) and its
/// list of finished tasks.
/// </summary>
internal sealed class InMemorySubmissionGate(IOptions<MusicApiOptions> options) : ISubmissionGate
{
    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Place> places = [];
    private readonly Dictionary<string, int> credits = new(StringComparer.Ordinal);
    private readonly HashSet<FinishedTask> finished = [];
    private DateTimeOffset? pausedUntil;
    private long version;

    /// <summary>The most places held at once so far.</summary>
    public int PeakHeld { get; private set; }

    public int Held
    {
        get { lock (gate) { return places.Count; } }
    }

    /// <summary>The tasks listed as finished now, oldest first.</summary>
    public IReadOnlyList<FinishedTask> Finished
    {
        get { lock (gate) { return [.. finished.OrderBy(f => f.FinishedAt)]; } }
    }

    public Task<GateDecision> TryEnterAsync(Guid correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var snapshot = new GateSnapshot([.. places.Select(p => new GateSlot(p.Value.Slot, p.Key, p.Value.Day))], pausedUntil, new Dictionary<string, int>(credits));
            var decision = GateRules.Decide(snapshot, correlationId, now, options.Value, out var entry);
            if (decision is GateDecision.Entered && entry is null)
            {
                // Its own place again: taken anew, as the Table gate writes it again.
                places[correlationId] = places[correlationId] with { Since = now, Version = $"v{++version}" };
            }

            if (entry is not null)
            {
                places[correlationId] = new Place(entry.SlotIndex, entry.Day, now, $"v{++version}");
                if (entry.Day is { } day)
                {
                    credits[day] = credits.GetValueOrDefault(day) + 12;
                }

                PeakHeld = Math.Max(PeakHeld, places.Count);
            }

            return Task.FromResult(decision);
        }
    }

    public Task LeaveAsync(Guid correlationId, bool charged, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Release(correlationId, charged);
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

    public Task FinishAsync(Guid correlationId, DateTimeOffset finishedAt, bool charged, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Release(correlationId, charged);
            finished.Add(new FinishedTask(correlationId, finishedAt));
        }

        return Task.CompletedTask;
    }

    public Task RecordFinishedAsync(Guid correlationId, DateTimeOffset finishedAt, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            finished.Add(new FinishedTask(correlationId, finishedAt));
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<GatePlace> ListPlacesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<GatePlace> listed;
        lock (gate)
        {
            listed = [.. places.Select(p => new GatePlace(p.Key, p.Value.Slot, p.Value.Since, p.Value.Version))];
        }

        foreach (var place in listed)
        {
            await Task.Yield();
            yield return place;
        }
    }

    public Task<bool> FreeAsync(GatePlace place, DateTimeOffset? finishedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(place);
        lock (gate)
        {
            if (!places.TryGetValue(place.Holder, out var held) || held.Version != place.ETag)
            {
                return Task.FromResult(false);
            }

            places.Remove(place.Holder);
            if (finishedAt is { } at)
            {
                finished.Add(new FinishedTask(place.Holder, at));
            }

            return Task.FromResult(true);
        }
    }

    public async IAsyncEnumerable<FinishedTask> ListFinishedAsync(DateTimeOffset finishedBefore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in Finished.Where(f => f.FinishedAt < finishedBefore))
        {
            await Task.Yield();
            yield return row;
        }
    }

    public Task ForgetFinishedAsync(IReadOnlyCollection<FinishedTask> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        lock (gate)
        {
            finished.ExceptWith(rows);
        }

        return Task.CompletedTask;
    }

    private void Release(Guid correlationId, bool charged)
    {
        if (places.Remove(correlationId, out var place) && !charged && place.Day is { } day)
        {
            credits[day] -= 12;
        }
    }

    private sealed record Place(int Slot, string? Day, DateTimeOffset Since, string Version);
}
