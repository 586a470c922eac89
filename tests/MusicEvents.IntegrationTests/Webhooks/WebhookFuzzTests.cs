using System.Net;
using System.Text;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Webhooks;

[Collection(IntegrationCollection.Name)]
public sealed class WebhookFuzzTests(MusicEventsHosts hosts)
{
    private const int Requests = 10_000;

    [Fact]
    public async Task Ten_thousand_bad_deliveries_get_no_5xx_publish_nothing_and_leave_the_host_serving()
    {
        using var handler = new SocketsHttpHandler
        {
            // Lets the fuzzer put raw UTF-8 into header values, as a hostile sender could.
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
            MaxConnectionsPerServer = 8,
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var generator = new BadDeliveryGenerator(new Uri(hosts.SandboxUrl, "/sandbox/audio/none/none.wav").ToString());
        var statuses = new int[600];
        var correlationIds = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var (request, correlationId) = generator.Create(i, hosts.DevHostUrl);
            correlationIds.Add(correlationId);
            using (request)
            {
                using var response = await http.SendAsync(request, ct);
                Interlocked.Increment(ref statuses[(int)response.StatusCode]);
            }
        });

        var summary = string.Join(", ", statuses.Select((count, code) => (count, code)).Where(s => s.count > 0).Select(s => $"{s.code}: {s.count}"));
        Assert.True(statuses[500..].All(count => count == 0), $"5xx answers: {summary}");
        Assert.Equal(Requests, statuses.Sum());
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(correlationIds, id => hosts.Events.For(id).Count > 0);

        var genuine = SignedDelivery.Completed(Guid.NewGuid(), "task-after-fuzz", generator.AudioUrl, MusicEventsHosts.MasterKey);
        Assert.Equal(HttpStatusCode.OK, (await hosts.Http.SendAsync(genuine.ToRequest(hosts.DevHostUrl))).StatusCode);
        await hosts.Events.WaitForAsync<TrackCompleted>(genuine.CorrelationId);
    }
}
