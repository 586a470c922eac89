using System.Globalization;
using NCrontab;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// A timer trigger's schedule as the Functions host reads it: NCRONTAB with seconds
/// (<c>0 */5 * * * *</c>) or a TimeSpan (<c>00:05:00</c>). One reader for the options check and the DevHost's timers.
/// </summary>
public static class TimerSchedule
{
    /// <returns>
    /// The next occurrence after a UTC time, or null when <paramref name="schedule"/> is neither form.
    /// Occurrences are the same instants on every instance, so that one run per occurrence can be agreed on.
    /// </returns>
    public static Func<DateTime, DateTime>? TryParse(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return null;
        }

        if (TimeSpan.TryParse(schedule, CultureInfo.InvariantCulture, out var interval))
        {
            // Multiples of the interval since 1970 (UTC): every instance computes the same occurrences.
            return interval > TimeSpan.Zero
                ? now => DateTime.UnixEpoch.AddTicks((((now - DateTime.UnixEpoch).Ticks / interval.Ticks) + 1) * interval.Ticks)
                : null;
        }

        var cron = CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return cron is null ? null : cron.GetNextOccurrence;
    }
}
