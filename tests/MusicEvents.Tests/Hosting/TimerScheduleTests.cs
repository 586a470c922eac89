using MusicEvents.Core.Hosting;

namespace MusicEvents.Tests.Hosting;

public sealed class TimerScheduleTests
{
    [Fact]
    public void A_TimeSpan_schedule_occurs_at_multiples_of_its_interval_so_every_instance_agrees_on_its_occurrences()
    {
        var next = TimerSchedule.TryParse("00:00:15")!;

        var one = next(new DateTime(2026, 12, 1, 9, 0, 3, DateTimeKind.Utc));
        var other = next(new DateTime(2026, 12, 1, 9, 0, 11, DateTimeKind.Utc));

        Assert.Equal(new DateTime(2026, 12, 1, 9, 0, 15, DateTimeKind.Utc), one);
        Assert.Equal(one, other);
    }

    [Fact]
    public void An_NCRONTAB_schedule_gives_the_next_matching_second()
    {
        var next = TimerSchedule.TryParse("*/10 * * * * *")!;

        Assert.Equal(new DateTime(2026, 12, 1, 9, 0, 10, DateTimeKind.Utc), next(new DateTime(2026, 12, 1, 9, 0, 3, DateTimeKind.Utc)));
    }
}
