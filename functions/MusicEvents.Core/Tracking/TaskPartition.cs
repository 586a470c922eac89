using System.Security.Cryptography;
using System.Text;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// The keys of a task's partition in the TrackTasks table, the one home of the layout: the partition
/// is the correlation id; in it the record, the reservation an HTTP request made, and a row per kept
/// webhook delivery, each RowKey naming its kind. Every RowKey is unique across the table, the
/// record's and the reservation's too (they carry the id again): Azurite, where MusicEvents runs in
/// development, tests and benchmarks, looks an entity up by its RowKey first and then goes through
/// every row sharing it for the PartitionKey, so a RowKey shared by every partition (the record's was
/// "task") made each read and write of a record walk all of them: ten times slower at 30,000 tasks.
/// Azure Storage indexes both keys and is indifferent.
/// </summary>
public static class TaskPartition
{
    public const string WebhookRowPrefix = "webhook:";

    // Just after "webhook:" in ordinal order: the end of the prefix's range.
    public const string WebhookRowPrefixEnd = "webhook;";

    public static string Key(Guid correlationId) => correlationId.ToString("D");

    public static string RecordRow(Guid correlationId) => "task:" + Key(correlationId);

    public static string ReservationRow(Guid correlationId) => "request:" + Key(correlationId);

    /// <summary>Ids are the sender's text: hashed, they make a key with no forbidden characters.</summary>
    public static string WebhookRow(string webhookId) =>
        WebhookRowPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(webhookId)));
}
