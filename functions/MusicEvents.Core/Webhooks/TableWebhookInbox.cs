using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace MusicEvents.Core.Webhooks;

/// <summary>
/// The inbox in Azure Table Storage, an entity per delivery keyed by a hash of its id; bodies too
/// long for a table property go to a blob beside it. Table <see cref="ReceivedTable"/> lists the
/// deliveries by hour of arrival (written before the entry, so none is missing), so the retention
/// sweep reads only what it deletes.
/// </summary>
public sealed class TableWebhookInbox(TableServiceClient tables, BlobServiceClient blobs, TimeProvider time) : IWebhookInbox
{
    public const string TableName = "WebhookInbox";
    public const string BodyContainer = "webhook-deliveries";
    public const string ReceivedTable = "WebhookInboxReceived";
    private const string RowKey = "delivery";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // A table property holds 64 KiB; longer or non-UTF-8 bodies go to a blob beside the entry.
    private const int MaxTableBodyChars = 30_000;

    private TableClient Table => tables.GetTableClient(TableName);
    private TableClient Received => tables.GetTableClient(ReceivedTable);

    public async Task<InboxClaim> ClaimAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var key = Key(delivery.WebhookId);
        var leaseUntil = time.GetUtcNow() + Lease;
        var entity = new TableEntity(key, RowKey)
        {
            ["WebhookId"] = delivery.WebhookId,
            ["CorrelationId"] = delivery.CorrelationId,
            ["Headers"] = JsonSerializer.Serialize(delivery.Headers),
            ["ReceivedAt"] = delivery.ReceivedAt,
            ["Processed"] = false,
            ["LeaseUntil"] = leaseUntil,
        };
        await KeepBodyAsync(entity, key, delivery.Body, cancellationToken);

        try
        {
            await Received.UpsertEntityAsync(
                new TableEntity(Hour(delivery.ReceivedAt), key) { ["ReceivedAt"] = delivery.ReceivedAt }, TableUpdateMode.Replace, cancellationToken);
            await Table.AddEntityAsync(entity, cancellationToken);
            return InboxClaim.Claimed;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return await ClaimExistingAsync(key, leaseUntil, cancellationToken);
        }
    }

    /// <summary>Gives the lease back after a failure, so the sender's next attempt is not kept waiting.</summary>
    public Task ReleaseAsync(string webhookId, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(
            new TableEntity(Key(webhookId), RowKey) { ["LeaseUntil"] = DateTimeOffset.UnixEpoch }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    public Task MarkProcessedAsync(string webhookId, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(
            new TableEntity(Key(webhookId), RowKey) { ["Processed"] = true, ["ProcessedAt"] = time.GetUtcNow() },
            ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>A kept delivery, for replay; null when there is none under that id.</summary>
    public async Task<WebhookDelivery?> FindAsync(string webhookId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Key(webhookId), RowKey, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }

        var entity = found.Value!;
        var body = entity.GetString("BodyBlob") is { } blobName
            ? (await blobs.GetBlobContainerClient(BodyContainer).GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content.ToMemory()
            : Encoding.UTF8.GetBytes(entity.GetString("Body") ?? "");
        return new WebhookDelivery(
            entity.GetString("WebhookId"),
            entity.GetGuid("CorrelationId")!.Value,
            JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Headers") ?? "{}") ?? [],
            body,
            entity.GetDateTimeOffset("ReceivedAt")!.Value);
    }

    public async Task<int> DeleteReceivedBeforeAsync(DateTimeOffset receivedBefore, int limit, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {Hour(receivedBefore)} and ReceivedAt lt {receivedBefore}");
        await foreach (var row in Received.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "ReceivedAt"], cancellationToken: cancellationToken))
        {
            if (deleted >= limit)
            {
                break;
            }

            // The body first, so that an entry never points at a missing body.
            await blobs.GetBlobContainerClient(BodyContainer).GetBlobClient(row.RowKey).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            await DeleteIfExistsAsync(Table, row.RowKey, RowKey, cancellationToken);
            await DeleteIfExistsAsync(Received, row.PartitionKey, row.RowKey, cancellationToken);
            deleted++;
        }

        return deleted;
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Gone already.
        }
    }

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);


    /// <summary>
    /// An operator's listing: a filtered query over the inbox (its keys are hashes of the ids, so
    /// time is not a key), bounded by <paramref name="since"/>. Never on a delivery's own path.
    /// </summary>
    public async Task<IReadOnlyList<KeptDelivery>> ListRecentAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RowKey} and ReceivedAt ge {since}");
        string[] columns = ["WebhookId", "CorrelationId", "Headers", "ReceivedAt", "Processed", "ProcessedAt"];
        var found = new List<KeptDelivery>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Headers") ?? "{}") ?? [];
            found.Add(new KeptDelivery(
                entity.GetString("WebhookId"),
                entity.GetGuid("CorrelationId") ?? Guid.Empty,
                headers.GetValueOrDefault(WebhookHeaders.Event),
                entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
                entity.GetBoolean("Processed") ?? false,
                entity.GetDateTimeOffset("ProcessedAt")));
        }

        return [.. found.OrderByDescending(d => d.ReceivedAt).Take(limit)];
    }

    private async Task<InboxClaim> ClaimExistingAsync(string key, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var existing = (await Table.GetEntityAsync<TableEntity>(key, RowKey, cancellationToken: cancellationToken)).Value;
        if (existing.GetBoolean("Processed") == true)
        {
            return InboxClaim.AlreadyProcessed;
        }

        if (existing.GetDateTimeOffset("LeaseUntil") > time.GetUtcNow())
        {
            return InboxClaim.InFlight;
        }

        try
        {
            var renewed = new TableEntity(key, RowKey) { ["LeaseUntil"] = leaseUntil };
            await Table.UpdateEntityAsync(renewed, existing.ETag, TableUpdateMode.Merge, cancellationToken);
            return InboxClaim.Claimed;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return InboxClaim.InFlight;
        }
    }

    private async Task KeepBodyAsync(TableEntity entity, string key, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (body.Length <= MaxTableBodyChars && IsUtf8(body.Span))
        {
            entity["Body"] = Encoding.UTF8.GetString(body.Span);
            return;
        }

        // Written before the entry, so an entry never points at a missing body.
        await blobs.GetBlobContainerClient(BodyContainer).GetBlobClient(key).UploadAsync(new BinaryData(body), overwrite: true, cancellationToken);
        entity["BodyBlob"] = key;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>Ids are the sender's text: hashed, they make a key with no forbidden characters.</summary>
    private static string Key(string webhookId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(webhookId)));
}
