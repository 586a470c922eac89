using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>What the "tracks" container holds for a correlation id: committed blobs only, as any reader sees them.</summary>
public static class StoredBlobs
{
    public const string Container = "tracks";

    public static async Task<List<BlobItem>> UnderAsync(BlobServiceClient blobs, Guid correlationId)
    {
        var items = new List<BlobItem>();
        var options = new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = $"{correlationId:D}/" };
        await foreach (var item in blobs.GetBlobContainerClient(Container).GetBlobsAsync(options))
        {
            items.Add(item);
        }

        return items;
    }
}
