using System.Globalization;

namespace MusicEvents.Cli;

/// <summary>Times as the commands print them: UTC to the millisecond, and seconds since a start.</summary>
internal static class TimeText
{
    public static string Of(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Since(DateTimeOffset start, DateTimeOffset at) =>
        "+" + Math.Max(0, (at - start).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
