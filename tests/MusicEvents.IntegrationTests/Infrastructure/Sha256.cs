using System.Security.Cryptography;
using Azure.Storage.Blobs;

namespace MusicEvents.IntegrationTests.Infrastructure;

public static class Sha256
{
    /// <summary>The hash of a blob's bytes as stored, read back by streaming.</summary>
    public static async Task<string> OfBlobAsync(BlobServiceClient blobs, Uri blobUri)
    {
        var name = new BlobUriBuilder(blobUri);
        var blob = blobs.GetBlobContainerClient(name.BlobContainerName).GetBlobClient(name.BlobName);
        await using var content = await blob.OpenReadAsync();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content));
    }
}
