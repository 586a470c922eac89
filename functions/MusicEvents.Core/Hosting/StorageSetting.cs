using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// What AzureWebJobsStorage may be, as the Functions host reads it: a storage connection string, or
/// an identity-based setting (<c>AzureWebJobsStorage__accountName</c>, or both
/// <c>AzureWebJobsStorage__blobServiceUri</c> and <c>__tableServiceUri</c>). Anything else stops
/// the host here, naming the key, instead of failing on the first storage call.
/// </summary>
public static class StorageSetting
{
    public const string Key = "AzureWebJobsStorage";

    public static void ThrowIfUnusable(IConfiguration configuration)
    {
        if (Problem(configuration) is { } problem)
        {
            throw new ConfigurationRefusedException(problem);
        }
    }

    /// <returns>Why the setting cannot be used (never its value: a connection string holds a key), or null.</returns>
    public static string? Problem(IConfiguration configuration)
    {
        var section = configuration.GetSection(Key);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return IsConnectionString(section.Value)
                ? null
                : $"{Key} is not a storage connection string (DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…, or UseDevelopmentStorage=true).";
        }

        if (!string.IsNullOrWhiteSpace(section["accountName"]))
        {
            return null;
        }

        var blob = section["blobServiceUri"];
        var table = section["tableServiceUri"];
        if (blob is null && table is null)
        {
            return $"{Key} is required: a storage connection string, or {Key}__accountName for the app's identity.";
        }

        return IsAbsoluteHttp(blob) && IsAbsoluteHttp(table)
            ? null
            : $"{Key}__blobServiceUri and {Key}__tableServiceUri must both be absolute http(s) URIs (or set {Key}__accountName).";
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            // The SDK's own parsers: what they take, the clients registered from it will take.
            _ = new BlobServiceClient(value);
            _ = new TableServiceClient(value);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsAbsoluteHttp(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
