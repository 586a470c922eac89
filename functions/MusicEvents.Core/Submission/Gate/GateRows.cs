using System.Globalization;

namespace MusicEvents.Core.Submission.Gate;

/// <summary>
/// The row keys of the gate's partition, in their order: the credits of each UTC day, the pause,
/// a place per task holding one, a slot per place number, then a row per finished task ordered by
/// its finishing time. The gate's own reads are ranges that end before the first finished row, so
/// they never read the history; retention reads the finished rows, oldest first, as a range too.
/// </summary>
internal static class GateRows
{
    public const string Pause = "pause";
    public const string CreditsPrefix = "credits-";
    public const string PlacePrefix = "place-";
    public const string SlotPrefix = "slot-";

    // "~" sorts after every letter: the finished rows come after every other row of the partition.
    public const string FinishedPrefix = "~finished-";

    public static string Credits(string day) => CreditsPrefix + day;

    public static string Place(Guid holder) => PlacePrefix + holder.ToString("D");

    public static string Slot(int index) => SlotPrefix + index.ToString("D3", CultureInfo.InvariantCulture);

    public static string Finished(Guid correlationId, DateTimeOffset finishedAt) => $"{FinishedBefore(finishedAt)}-{correlationId:D}";

    /// <summary>The first key after every finished row of a task finished before <paramref name="at"/>.</summary>
    public static string FinishedBefore(DateTimeOffset at) =>
        FinishedPrefix + at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The task and time a finished row's key names; null for a key of another shape.</summary>
    public static FinishedTask? ReadFinished(string rowKey)
    {
        const int TimeLength = 24; // yyyyMMddTHHmmss.fffffffZ
        var rest = rowKey.AsSpan(FinishedPrefix.Length);
        return rowKey.StartsWith(FinishedPrefix, StringComparison.Ordinal)
            && rest.Length == TimeLength + 1 + 36
            && DateTime.TryParseExact(rest[..TimeLength], "yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            && Guid.TryParseExact(rest[(TimeLength + 1)..], "D", out var correlationId)
                ? new FinishedTask(correlationId, new DateTimeOffset(at, TimeSpan.Zero))
                : null;
    }

    /// <summary>The first key after every key that starts with <paramref name="prefix"/>.</summary>
    public static string After(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static int SlotIndex(string rowKey) => int.Parse(rowKey.AsSpan(SlotPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
}
