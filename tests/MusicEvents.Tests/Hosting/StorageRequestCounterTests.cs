using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.Core.Hosting;
using MusicEvents.Tests.MusicApi;

namespace MusicEvents.Tests.Hosting;

public sealed class StorageRequestCounterTests
{
    private const string AzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    [Theory]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/TrackTasks(PartitionKey='a',RowKey='task')", "TrackTasks")]
    [InlineData("https://account.table.core.windows.net/WebhookInbox(PartitionKey='a',RowKey='delivery')", "WebhookInbox")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/tracks/6f1c0a52/c-1.m4a?comp=block", "tracks")]
    [InlineData("https://account.blob.core.windows.net/webhook-deliveries/abc", "webhook-deliveries")]
    [InlineData("http://localhost:10002/devstoreaccount1/Tables", "Tables")]
    [InlineData("https://account.blob.core.windows.net/?comp=properties", "")]
    public void A_request_is_counted_under_its_table_or_container(string url, string resource)
    {
        Assert.Equal(resource, StorageRequestCounter.ResourceOf(new Uri(url)));
    }

    [Fact]
    public async Task Every_attempt_a_table_client_sends_is_counted_retries_included()
    {
        var counter = new StorageRequestCounter();
        var answers = new StubHandler(StubHandler.Status(503), StubHandler.Status(404, """{"odata.error":{"code":"ResourceNotFound"}}"""));
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(answers)) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.AddPolicy(counter.PolicyFor(options), HttpPipelinePosition.PerRetry);
        var table = new TableClient(new Uri("http://127.0.0.1:10002/devstoreaccount1/TrackTasks"), new AzureSasCredential("sv=1"), options);

        await table.GetEntityIfExistsAsync<TableEntity>("pk", "task");

        Assert.Equal(2, answers.Sent);
        Assert.Equal(new Dictionary<string, long> { ["TrackTasks"] = 2 }, counter.Snapshot().Table);
        Assert.Empty(counter.Snapshot().Blob);
    }

    /// <summary>
    /// Through the app's own registration: the service is the client's, whatever the name. A table
    /// named "tracks" beside the container "tracks", and a table no list of names ever held, each
    /// land under the service the request went to.
    /// </summary>
    [Fact]
    public async Task A_table_and_a_container_are_counted_under_their_own_service_whatever_their_names()
    {
        var answers = new StubHandler(StubHandler.Status(404, """{"odata.error":{"code":"ResourceNotFound"}}"""));
        var services = new ServiceCollection();
        services.AddTrackStorage(new ConfigurationBuilder().AddInMemoryCollection([new("AzureWebJobsStorage", AzuriteConnectionString)]).Build());
        services.AddStorageRequestCounting();
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.Transport = new HttpClientTransport(new HttpClient(answers))));
        using var provider = services.BuildServiceProvider();
        var tables = provider.GetRequiredService<TableServiceClient>();
        var blobs = provider.GetRequiredService<BlobServiceClient>();

        await tables.GetTableClient("tracks").GetEntityIfExistsAsync<TableEntity>("pk", "rk");
        await tables.GetTableClient("SomeTableAddedLater").GetEntityIfExistsAsync<TableEntity>("pk", "rk");
        await Assert.ThrowsAsync<RequestFailedException>(() => blobs.GetBlobContainerClient("tracks").GetPropertiesAsync());

        var counts = provider.GetRequiredService<StorageRequestCounter>().Snapshot();
        Assert.Equal(3, answers.Sent);
        Assert.Equal(new Dictionary<string, long> { ["tracks"] = 1, ["SomeTableAddedLater"] = 1 }, counts.Table);
        Assert.Equal(new Dictionary<string, long> { ["tracks"] = 1 }, counts.Blob);
        Assert.Empty(counts.Other);
        Assert.Equal((2, 1), (counts.TableTotal, counts.BlobTotal));
    }

    [Fact]
    public void Counts_since_an_earlier_snapshot_keep_only_what_was_sent_in_between()
    {
        var earlier = new StorageRequestCounts(new Dictionary<string, long> { ["TrackTasks"] = 3, ["WebhookInbox"] = 1 }, new Dictionary<string, long> { ["tracks"] = 2 }, new Dictionary<string, long>());
        var later = new StorageRequestCounts(new Dictionary<string, long> { ["TrackTasks"] = 5, ["WebhookInbox"] = 1, ["TrackTasksOpen"] = 2 }, new Dictionary<string, long> { ["tracks"] = 6 }, new Dictionary<string, long>());

        var between = later.Since(earlier);

        Assert.Equal(new Dictionary<string, long> { ["TrackTasks"] = 2, ["TrackTasksOpen"] = 2 }, between.Table);
        Assert.Equal(new Dictionary<string, long> { ["tracks"] = 4 }, between.Blob);
    }
}
