using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace MusicEvents.Core.Webhooks;

/// <summary>
/// Every accepted delivery, keyed by its <c>X-Webhook-Id</c>, with its raw body and headers kept
/// for inspection and replay. An entry is Received until its event has been published, so a
/// delivery that failed half-way is processed in full when it comes again.
/// </summary>
public sealed class WebhookInbox(TableServiceClient tables)
{
    public const string TableName = "WebhookInbox";
    private const string RowKey = "delivery";

    // A table property holds 64 KiB; bodies beyond 30,000 characters are kept cut, flagged as such.
    private const int MaxKeptBodyChars = 30_000;

    private TableClient Table => tables.GetTableClient(TableName);

    /// <returns>False when this delivery was already processed in full.</returns>
    public async Task<bool> BeginAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetString(delivery.Body.Span);
        var entity = new TableEntity(Key(delivery.WebhookId), RowKey)
        {
            ["WebhookId"] = delivery.WebhookId,
            ["CorrelationId"] = delivery.CorrelationId,
            ["Event"] = delivery.Event,
            ["Timestamp"] = delivery.Timestamp,
            ["Signature"] = delivery.Signature,
            ["ReceivedAt"] = delivery.ReceivedAt,
            ["Body"] = body.Length > MaxKeptBodyChars ? body[..MaxKeptBodyChars] : body,
            ["BodyTruncated"] = body.Length > MaxKeptBodyChars,
            ["Processed"] = false,
        };

        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            var existing = await Table.GetEntityAsync<TableEntity>(Key(delivery.WebhookId), RowKey, cancellationToken: cancellationToken);
            return existing.Value.GetBoolean("Processed") != true;
        }
    }

    public async Task MarkProcessedAsync(string webhookId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Key(webhookId), RowKey) { ["Processed"] = true };
        await Table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Ids are the sender's text: hashed, they make a key with no forbidden characters.</summary>
    private static string Key(string webhookId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(webhookId)));
}
