using Microsoft.Extensions.Configuration;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// AzureWebJobsStorage in the two forms the Functions host itself reads: a connection string
/// (local runs, Azurite), or an identity-based connection, <c>AzureWebJobsStorage__accountName</c>
/// or the <c>__blobServiceUri</c> / <c>__tableServiceUri</c> pair, reached with a token credential
/// (in Azure, the app's managed identity; <c>__clientId</c> picks a user-assigned one).
/// </summary>
public sealed record StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";

    private StorageConnection()
    {
    }

    /// <summary>Set for the connection-string form; null for the identity form.</summary>
    public string? ConnectionString { get; private init; }

    public Uri? BlobServiceUri { get; private init; }

    public Uri? TableServiceUri { get; private init; }

    /// <summary>A user-assigned identity's client id, when the identity form names one.</summary>
    public string? ClientId { get; private init; }

    public bool UsesIdentity => ConnectionString is null;

    public static StorageConnection From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection { ConnectionString = section.Value };
        }

        var clientId = NullIfBlank(section["clientId"]);
        if (NullIfBlank(section["accountName"]) is { } account)
        {
            return new StorageConnection
            {
                BlobServiceUri = new Uri($"https://{account}.blob.core.windows.net"),
                TableServiceUri = new Uri($"https://{account}.table.core.windows.net"),
                ClientId = clientId,
            };
        }

        var blob = NullIfBlank(section["blobServiceUri"]);
        var table = NullIfBlank(section["tableServiceUri"]);
        if (blob is not null && table is not null)
        {
            return new StorageConnection { BlobServiceUri = AbsoluteUri(blob, "blobServiceUri"), TableServiceUri = AbsoluteUri(table, "tableServiceUri"), ClientId = clientId };
        }

        throw new InvalidOperationException(blob is null && table is null
            ? $"{SettingName} is required: a storage connection string, or {SettingName}__accountName (or {SettingName}__blobServiceUri and {SettingName}__tableServiceUri) for an identity-based connection."
            : $"{SettingName}__blobServiceUri and {SettingName}__tableServiceUri go together: MusicEvents uses both blobs and tables.");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri AbsoluteUri(string value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"{SettingName}__{key} must be an absolute URI.");
}
