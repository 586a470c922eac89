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
    public const string SettingName = StorageSetting.Key;

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

    /// <exception cref="ConfigurationRefusedException">Neither form is usable (<see cref="StorageSetting"/> says why).</exception>
    public static StorageConnection From(IConfiguration configuration)
    {
        StorageSetting.ThrowIfUnusable(configuration);
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

        // StorageSetting has checked both are absolute http(s) URIs.
        return new StorageConnection
        {
            BlobServiceUri = new Uri(section["blobServiceUri"]!.Trim()),
            TableServiceUri = new Uri(section["tableServiceUri"]!.Trim()),
            ClientId = clientId,
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
