using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace MusicEvents.Core.Tracking;

/// <summary>
/// Kept deliveries in the task table, a row per delivery in its task's partition (RowKey
/// <c>webhook:</c> and a hash of its id, <see cref="TaskPartition"/>), so that the write taking a
/// report keeps its delivery in the same transaction as the task, and retention deletes both
/// together. Bodies too long for a table property go to a blob under the task's correlation id.
/// </summary>
public sealed class TableKeptDeliveries(TableServiceClient tables, BlobServiceClient blobs) : IKeptDeliveries
{
    public const string BodyContainer = "webhook-deliveries";
    // A table property holds 64 KiB; longer or non-UTF-8 bodies go to a blob beside the row.
    private const int MaxTableBodyChars = 30_000;

    private TableClient Tasks => tables.GetTableClient(TableTrackTaskStore.TasksTable);

    /// <summary>The row for <paramref name="delivery"/>, its body uploaded first when it goes to a blob (so no row points at a missing body).</summary>
    public async Task<TableEntity> RowAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var entity = new TableEntity(TaskPartition.Key(delivery.CorrelationId), TaskPartition.WebhookRow(delivery.WebhookId))
        {
            ["WebhookId"] = delivery.WebhookId,
            ["CorrelationId"] = delivery.CorrelationId,
            ["Headers"] = JsonSerializer.Serialize(delivery.Headers),
            ["ReceivedAt"] = delivery.ReceivedAt,
        };
        if (delivery.Body.Length <= MaxTableBodyChars && System.Text.Unicode.Utf8.IsValid(delivery.Body.Span))
        {
            entity["Body"] = Encoding.UTF8.GetString(delivery.Body.Span);
            return entity;
        }

        var blobName = $"{TaskPartition.Key(delivery.CorrelationId)}/{entity.RowKey[TaskPartition.WebhookRowPrefix.Length..]}";
        await blobs.GetBlobContainerClient(BodyContainer).GetBlobClient(blobName).UploadAsync(new BinaryData(delivery.Body), overwrite: true, cancellationToken);
        entity["BodyBlob"] = blobName;
        return entity;
    }

    public async Task KeepAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        await Tasks.UpsertEntityAsync(await RowAsync(delivery, cancellationToken), TableUpdateMode.Replace, cancellationToken);

    public async Task<WebhookDelivery?> FindAsync(string webhookId, Guid? correlationId, CancellationToken cancellationToken)
    {
        TableEntity? entity = null;
        if (correlationId is { } id)
        {
            var found = await Tasks.GetEntityIfExistsAsync<TableEntity>(TaskPartition.Key(id), TaskPartition.WebhookRow(webhookId), cancellationToken: cancellationToken);
            entity = found.HasValue ? found.Value : null;
        }
        else
        {
            await foreach (var row in Tasks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {TaskPartition.WebhookRow(webhookId)}"), maxPerPage: 1, cancellationToken: cancellationToken))
            {
                entity = row;
                break;
            }
        }

        if (entity is null)
        {
            return null;
        }

        ReadOnlyMemory<byte> body;
        if (entity.GetString("BodyBlob") is { } blobName)
        {
            try
            {
                body = (await blobs.GetBlobContainerClient(BodyContainer).GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content.ToMemory();
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == 404)
            {
                // A body lost (deleted by hand, or a retention that went wrong): nothing left to replay.
                return null;
            }
        }
        else
        {
            body = Encoding.UTF8.GetBytes(entity.GetString("Body") ?? "");
        }

        return new WebhookDelivery(
            entity.GetString("WebhookId"),
            entity.GetGuid("CorrelationId")!.Value,
            JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Headers") ?? "{}") ?? [],
            body,
            entity.GetDateTimeOffset("ReceivedAt")!.Value);
    }

    /// <summary>
    /// An operator's listing: a filtered query over the task table (time is not a key there),
    /// bounded by <paramref name="since"/>. Never on a delivery's own path.
    /// </summary>
    public async Task<IReadOnlyList<KeptDelivery>> ListRecentAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey gt {TaskPartition.WebhookRowPrefix} and RowKey lt {TaskPartition.WebhookRowPrefixEnd} and ReceivedAt ge {since}");
        string[] columns = ["WebhookId", "CorrelationId", "Headers", "ReceivedAt", "Timestamp"];
        var found = new List<KeptDelivery>();
        await foreach (var entity in Tasks.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Headers") ?? "{}") ?? [];
            found.Add(new KeptDelivery(
                entity.GetString("WebhookId"),
                entity.GetGuid("CorrelationId") ?? Guid.Empty,
                headers.GetValueOrDefault(WebhookDelivery.EventHeader),
                entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
                entity.Timestamp ?? DateTimeOffset.MinValue));
        }

        return [.. found.OrderByDescending(d => d.ReceivedAt).Take(limit)];
    }

    /// <summary>Deletes a long body's blob (retention, once its row is gone with its task's partition).</summary>
    public Task DeleteBodyAsync(string blobName, CancellationToken cancellationToken) =>
        blobs.GetBlobContainerClient(BodyContainer).GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
