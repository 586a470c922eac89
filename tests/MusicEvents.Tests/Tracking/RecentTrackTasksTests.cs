using Microsoft.Extensions.Time.Testing;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Tests.Tracking;

public sealed class RecentTrackTasksTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_version_remembered_last_is_recalled()
    {
        var recent = new RecentTrackTasks(clock);
        var task = Tasks.Submitted() with { CorrelationId = Guid.NewGuid(), ETag = "v1" };

        recent.Remember(task);
        recent.Remember(task with { ETag = "v2" });

        Assert.Equal("v2", recent.Recall(task.CorrelationId)?.ETag);
        Assert.Null(recent.Recall(Guid.NewGuid()));
    }

    [Fact]
    public void A_write_refused_at_a_version_forgets_that_version_only()
    {
        var recent = new RecentTrackTasks(clock);
        var task = Tasks.Submitted() with { CorrelationId = Guid.NewGuid(), ETag = "v2" };
        recent.Remember(task);

        // Refused at v1 (another consumer here wrote v2 meanwhile) or as an insert: v2 stays.
        recent.ForgetVersion(task.CorrelationId, "v1");
        recent.ForgetVersion(task.CorrelationId, null);
        Assert.Equal("v2", recent.Recall(task.CorrelationId)?.ETag);

        recent.ForgetVersion(task.CorrelationId, "v2");
        Assert.Null(recent.Recall(task.CorrelationId));
    }

    [Fact]
    public void Past_its_capacity_the_least_recently_used_goes_first()
    {
        var recent = new RecentTrackTasks(clock, capacity: 2);
        var (a, b, c) = (Task(), Task(), Task());

        recent.Remember(a);
        recent.Remember(b);
        Assert.NotNull(recent.Recall(a.CorrelationId)); // a is now the most recently used
        recent.Remember(c);

        Assert.NotNull(recent.Recall(a.CorrelationId));
        Assert.Null(recent.Recall(b.CorrelationId));
        Assert.NotNull(recent.Recall(c.CorrelationId));
    }

    [Fact]
    public void A_version_older_than_the_time_it_is_kept_is_not_recalled()
    {
        var recent = new RecentTrackTasks(clock, keepFor: TimeSpan.FromMinutes(5));
        var task = Task();
        recent.Remember(task);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.NotNull(recent.Recall(task.CorrelationId));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(recent.Recall(task.CorrelationId));
    }

    [Fact]
    public void A_forgotten_version_is_not_recalled()
    {
        var recent = new RecentTrackTasks(clock);
        var task = Task();
        recent.Remember(task);

        recent.Forget(task.CorrelationId);

        Assert.Null(recent.Recall(task.CorrelationId));
    }

    private static TrackTask Task() => Tasks.Submitted() with { CorrelationId = Guid.NewGuid(), ETag = "v1" };
}
