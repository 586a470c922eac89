using Azure;
using Azure.Data.Tables;

namespace MusicEvents.Benchmarks;

/// <summary>
/// The table's own limit for the write a delivery leads to: an insert of the kept-delivery row into
/// the TrackTasks table (the report's consumer writes it beside the task, in one transaction with the
/// task's row), with plain Azure.Data.Tables. The webhook itself writes no table.
/// </summary>
public sealed class RawInbox(string connectionString)
{
    private readonly TableClient table = new TableServiceClient(connectionString).GetTableClient("TrackTasks");

    public async Task<string?> InsertAsync()
    {
        try
        {
            await table.AddEntityAsync(BenchDelivery.Create("raw-insert").ToKeptRow());
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Present already: insert-if-absent is done, as the inbox treats it.
        }

        return null;
    }
}
