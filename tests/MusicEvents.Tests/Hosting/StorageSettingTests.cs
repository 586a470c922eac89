using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.Core.Hosting;

namespace MusicEvents.Tests.Hosting;

public sealed class StorageSettingTests
{
    private const string Azurite =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData(Azurite)]
    public void A_storage_connection_string_is_accepted(string connectionString)
    {
        Assert.Null(StorageSetting.Problem(Settings(("AzureWebJobsStorage", connectionString))));
    }

    [Fact]
    public void An_account_name_for_the_apps_identity_is_accepted()
    {
        Assert.Null(StorageSetting.Problem(Settings(("AzureWebJobsStorage:accountName", "musiceventsprod"))));
    }

    [Fact]
    public void Blob_and_table_service_URIs_for_the_apps_identity_are_accepted()
    {
        Assert.Null(StorageSetting.Problem(Settings(
            ("AzureWebJobsStorage:blobServiceUri", "https://musicevents.blob.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://musicevents.table.core.windows.net"))));
    }

    [Theory]
    [InlineData("not a connection string")]
    [InlineData("https://musicevents.blob.core.windows.net")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=not-base64!")]
    public void A_value_that_is_no_connection_string_is_refused_by_name_without_echoing_it(string value)
    {
        var problem = StorageSetting.Problem(Settings(("AzureWebJobsStorage", value)));

        Assert.NotNull(problem);
        Assert.StartsWith("AzureWebJobsStorage ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(value, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blob_service_URI_without_its_table_twin_is_refused()
    {
        var problem = StorageSetting.Problem(Settings(("AzureWebJobsStorage:blobServiceUri", "https://musicevents.blob.core.windows.net")));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_set_is_refused_naming_the_key()
    {
        var problem = StorageSetting.Problem(Settings());

        Assert.StartsWith("AzureWebJobsStorage is required", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_stops_at_an_unusable_setting_with_its_name()
    {
        var refused = Assert.Throws<ConfigurationRefusedException>(() =>
            new ServiceCollection().AddTrackStorage(Settings(("AzureWebJobsStorage", "garbage"))));

        Assert.Contains("AzureWebJobsStorage", Assert.Single(refused.Problems), StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
