using System.Globalization;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Submission.Gate;

/// <summary>
/// The gate's decisions, apart from where its state is kept: the Table gate and the tests' gate
/// apply the same rules to what they read.
/// </summary>
public static class GateRules
{
    /// <summary>The place to take, and the budget day to charge (null: no budget configured).</summary>
    public sealed record Entry(int SlotIndex, string? Day);

    public static GateDecision Decide(GateSnapshot gate, Guid correlationId, DateTimeOffset now, MusicApiOptions options, out Entry? entry)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(options);
        entry = null;
        if (gate.PausedUntil is { } paused && paused > now)
        {
            return new GateDecision.Waits(new(TrackWaitReason.RetryAfter, $"MusicAPI asked every caller to wait until {paused:O}.", now, paused));
        }

        if (gate.Slots.Any(s => s.Holder == correlationId))
        {
            // Taken before a crash or by a copy of the same command: the same place, already charged to its day.
            return new GateDecision.Entered();
        }

        string? day = null;
        if (options.DailyCreditBudget is { } budget)
        {
            day = Day(now);
            var spent = gate.CreditsByDay.GetValueOrDefault(day);
            if (spent + MusicEventsMetrics.CreditsPerTask > budget)
            {
                var message = $"MusicApi:DailyCreditBudget ({budget} credits) is spent for {day[..4]}-{day[4..6]}-{day[6..]} (UTC): {spent} charged.";
                return options.OverBudget == OverBudgetAction.Fail
                    ? new GateDecision.OverBudget(message)
                    : new GateDecision.Waits(new(TrackWaitReason.DailyCreditBudget, message, now, NextDay(now)));
            }
        }

        // Places numbered beyond a MaxInFlight lowered since are still tasks in flight: they count.
        var held = gate.Slots.Where(s => s.Holder is not null).Select(s => s.Index).ToHashSet();
        var free = held.Count >= options.MaxInFlight
            ? null
            : Enumerable.Range(0, options.MaxInFlight)
                .Select(i => (FirstSlot(correlationId, options.MaxInFlight) + i) % options.MaxInFlight)
                .Where(i => !held.Contains(i))
                .Cast<int?>()
                .FirstOrDefault();
        if (free is null)
        {
            return new GateDecision.Waits(new(
                TrackWaitReason.MaxInFlight, $"MusicApi:MaxInFlight ({options.MaxInFlight}) tasks are submitted and not final.", now));
        }

        entry = new Entry(free.Value, day);
        return new GateDecision.Entered();
    }

    /// <summary>
    /// Where a task starts looking for a free slot: a number its id gives, so that tasks entering at
    /// once (on several instances, or a burst on one) seldom race for the same slot and lose a
    /// round trip; from the lowest free slot every one of them would pick the same.
    /// </summary>
    public static int FirstSlot(Guid correlationId, int maxInFlight) =>
        (int)(BitConverter.ToUInt32(correlationId.ToByteArray(), 0) % (uint)maxInFlight);

    /// <summary>The UTC day a charge counts to, as "yyyyMMdd".</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateTimeOffset NextDay(DateTimeOffset at) => new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
}
