using System.Globalization;
using NCrontab;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// A timer trigger's schedule as the Functions host reads it: NCRONTAB with seconds
/// (<c>0 */5 * * * *</c>) or a TimeSpan (<c>00:05:00</c>). One reader for the options check and the DevHost's timers.
/// </summary>
public static class TimerSchedule
{
    /// <returns>The next occurrence after a UTC time, or null when <paramref name="schedule"/> is neither form.</returns>
    public static Func<DateTime, DateTime>? TryParse(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return null;
        }

        if (TimeSpan.TryParse(schedule, CultureInfo.InvariantCulture, out var interval))
        {
            return interval > TimeSpan.Zero ? now => now + interval : null;
        }

        var cron = CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return cron is null ? null : cron.GetNextOccurrence;
    }
}
