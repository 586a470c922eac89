using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.Core.Hosting;

namespace MusicEvents.Tests.Hosting;

/// <summary>AzureWebJobsStorage in each form the Functions host reads, down to the clients the app resolves.</summary>
public sealed class StorageConnectionTests
{
    private const string AzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    [Fact]
    public void A_connection_string_gives_clients_signed_with_its_shared_key()
    {
        var (blobs, tables) = Clients(("AzureWebJobsStorage", AzuriteConnectionString));

        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", blobs.Uri.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", tables.Uri.ToString().TrimEnd('/'));
        Assert.True(blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public void An_account_name_gives_clients_on_the_accounts_endpoints_with_a_token_credential_and_no_key()
    {
        var (blobs, tables) = Clients(("AzureWebJobsStorage:accountName", "musiceventsdata"));

        Assert.Equal("https://musiceventsdata.blob.core.windows.net/", blobs.Uri.ToString());
        Assert.Equal("https://musiceventsdata.table.core.windows.net/", tables.Uri.ToString());
        Assert.False(blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public void A_pair_of_service_uris_gives_clients_on_those_uris_with_a_token_credential()
    {
        var (blobs, tables) = Clients(
            ("AzureWebJobsStorage:blobServiceUri", "https://127.0.0.1:10000/devstoreaccount1"),
            ("AzureWebJobsStorage:tableServiceUri", "https://127.0.0.1:10002/devstoreaccount1"));

        Assert.Equal("https://127.0.0.1:10000/devstoreaccount1", blobs.Uri.ToString().TrimEnd('/'));
        Assert.Equal("https://127.0.0.1:10002/devstoreaccount1", tables.Uri.ToString().TrimEnd('/'));
        Assert.False(blobs.CanGenerateAccountSasUri);
    }

    [Fact]
    public void A_user_assigned_identity_is_named_by_its_client_id()
    {
        var connection = StorageConnection.From(Configuration(("AzureWebJobsStorage:accountName", "acct"), ("AzureWebJobsStorage:clientId", "1b5c0f5e-0000-4000-8000-000000000001")));

        Assert.True(connection.UsesIdentity);
        Assert.Equal("1b5c0f5e-0000-4000-8000-000000000001", connection.ClientId);
    }

    [Fact]
    public void A_connection_string_wins_over_identity_settings_beside_it()
    {
        var connection = StorageConnection.From(Configuration(("AzureWebJobsStorage", AzuriteConnectionString), ("AzureWebJobsStorage:accountName", "acct")));

        Assert.False(connection.UsesIdentity);
    }

    [Fact]
    public void Without_any_form_the_host_stops_naming_both()
    {
        var failure = Assert.Throws<ConfigurationRefusedException>(() => StorageConnection.From(Configuration()));

        Assert.Contains("AzureWebJobsStorage__accountName", failure.Message, StringComparison.Ordinal);
        Assert.Contains("connection string", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blob_uri_without_its_table_uri_is_refused()
    {
        var failure = Assert.Throws<ConfigurationRefusedException>(
            () => StorageConnection.From(Configuration(("AzureWebJobsStorage:blobServiceUri", "https://acct.blob.core.windows.net"))));

        Assert.Contains("AzureWebJobsStorage__blobServiceUri and AzureWebJobsStorage__tableServiceUri must both be", failure.Message, StringComparison.Ordinal);
    }

    private static (BlobServiceClient Blobs, TableServiceClient Tables) Clients(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTrackStorage(Configuration(settings));
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<BlobServiceClient>(), provider.GetRequiredService<TableServiceClient>());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
