using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Submission.Gate;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Tests.Submission;

public sealed class GateRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Task = Guid.NewGuid();

    private static GateSnapshot Gate(int held, DateTimeOffset? pausedUntil = null, int creditsToday = 0) => new(
        [.. Enumerable.Range(0, held).Select(i => new GateSlot(i, Guid.NewGuid(), null))],
        pausedUntil,
        new Dictionary<string, int> { ["20261201"] = creditsToday });

    /// <summary>A task id whose first slot to look at is <paramref name="number"/> modulo MaxInFlight.</summary>
    private static Guid PointingTo(uint number) => new(number, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static MusicApiOptions Options(int maxInFlight = 5, int? budget = null, OverBudgetAction overBudget = OverBudgetAction.Wait) =>
        new() { MaxInFlight = maxInFlight, DailyCreditBudget = budget, OverBudget = overBudget };

    [Theory]
    [InlineData(3, new int[0], 3)]
    [InlineData(3, new[] { 3 }, 4)]
    [InlineData(3, new[] { 3, 4 }, 0)]
    public void A_free_slot_is_looked_for_from_where_the_tasks_id_points_on(uint pointsTo, int[] held, int taken)
    {
        var gate = new GateSnapshot([.. held.Select(i => new GateSlot(i, Guid.NewGuid(), null))], null, new Dictionary<string, int>());

        Assert.IsType<GateDecision.Entered>(GateRules.Decide(gate, PointingTo(pointsTo), Now, Options(), out var entry));
        Assert.Equal(new GateRules.Entry(taken, null), entry);
    }

    [Fact]
    public void Two_tasks_deciding_from_the_same_read_take_different_slots_when_their_ids_point_to_different_ones()
    {
        var gate = Gate(held: 0);

        GateRules.Decide(gate, PointingTo(1), Now, Options(), out var first);
        GateRules.Decide(gate, PointingTo(7), Now, Options(), out var second);

        Assert.Equal((1, 2), (first!.SlotIndex, second!.SlotIndex));
    }

    [Fact]
    public void Places_held_beyond_a_MaxInFlight_lowered_since_still_count()
    {
        var gate = new GateSnapshot([.. new[] { 0, 1, 2, 3, 7 }.Select(i => new GateSlot(i, Guid.NewGuid(), null))], null, new Dictionary<string, int>());

        var decision = GateRules.Decide(gate, PointingTo(4), Now, Options(maxInFlight: 5), out var entry);

        Assert.Equal(TrackWaitReason.MaxInFlight, Assert.IsType<GateDecision.Waits>(decision).Wait.Reason);
        Assert.Null(entry);
    }

    [Fact]
    public void With_every_place_held_the_task_waits_for_MaxInFlight()
    {
        var decision = GateRules.Decide(Gate(held: 5), Task, Now, Options(), out var entry);

        Assert.Equal(TrackWaitReason.MaxInFlight, Assert.IsType<GateDecision.Waits>(decision).Wait.Reason);
        Assert.Null(entry);
    }

    [Fact]
    public void A_task_holding_a_place_already_enters_again_without_a_second_place()
    {
        var gate = Gate(held: 5) with { Slots = [.. Gate(held: 4).Slots, new GateSlot(4, Task, "20261201")] };

        Assert.IsType<GateDecision.Entered>(GateRules.Decide(gate, Task, Now, Options(), out var entry));
        Assert.Null(entry);
    }

    [Fact]
    public void While_MusicAPIs_Retry_After_runs_nobody_enters_until_its_end()
    {
        var decision = GateRules.Decide(Gate(held: 0, pausedUntil: Now.AddSeconds(40)), Task, Now, Options(), out _);

        var wait = Assert.IsType<GateDecision.Waits>(decision).Wait;
        Assert.Equal((TrackWaitReason.RetryAfter, Now.AddSeconds(40)), (wait.Reason, wait.Until));
    }

    [Fact]
    public void A_budget_with_room_for_one_more_task_charges_it_to_the_UTC_day()
    {
        GateRules.Decide(Gate(held: 0, creditsToday: 12), Task, Now, Options(budget: 24), out var entry);

        Assert.Equal("20261201", entry!.Day);
    }

    [Theory]
    [InlineData(OverBudgetAction.Wait, typeof(GateDecision.Waits))]
    [InlineData(OverBudgetAction.Fail, typeof(GateDecision.OverBudget))]
    public void A_spent_budget_waits_for_the_next_day_or_fails_as_configured(OverBudgetAction action, Type expected)
    {
        var decision = GateRules.Decide(Gate(held: 0, creditsToday: 24), Task, Now, Options(budget: 30, overBudget: action), out var entry);

        Assert.IsType(expected, decision);
        Assert.Null(entry);
        if (decision is GateDecision.Waits waits)
        {
            Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), waits.Wait.Until);
        }
    }
}
