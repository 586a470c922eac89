using Azure;
using Azure.Data.Tables;

namespace MusicEvents.Benchmarks;

/// <summary>
/// The table's own limit for what the webhook does first: insert-if-absent of the inbox entity
/// into the same WebhookInbox table, with plain Azure.Data.Tables.
/// </summary>
public sealed class RawInbox(string connectionString)
{
    private readonly TableClient table = new TableServiceClient(connectionString).GetTableClient("WebhookInbox");

    public async Task<string?> InsertAsync()
    {
        try
        {
            await table.AddEntityAsync(BenchDelivery.Create("raw-insert").ToInboxEntity());
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Present already: insert-if-absent is done, as the inbox treats it.
        }

        return null;
    }
}
