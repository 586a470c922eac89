using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using MusicEvents.Core.Hosting;
using MusicEvents.Tests.MusicApi;

namespace MusicEvents.Tests.Hosting;

public sealed class StorageRequestCounterTests
{
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
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var table = new TableClient(new Uri("http://127.0.0.1:10002/devstoreaccount1/TrackTasks"), new AzureSasCredential("sv=1"), options);

        await table.GetEntityIfExistsAsync<TableEntity>("pk", "task");

        Assert.Equal(2, answers.Sent);
        Assert.Equal(new Dictionary<string, long> { ["TrackTasks"] = 2 }, counter.Snapshot());
    }
}
