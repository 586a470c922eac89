using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace MusicEvents.IntegrationTests.Hosting;

/// <summary>
/// What a person reads in the DevHost's log: a DevHost process with its own appsettings.json (no
/// log level set by the test), on a virtual host of its own, carries one request to Stored, then
/// gets copies of a delivery for that task, several at once and one late, and a forged one.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class DevHostLogTests(MusicEventsHosts hosts, ITestOutputHelper output)
{
    [Fact]
    public async Task A_flow_writes_a_few_timestamped_lines_no_SDK_request_lines_no_warning_for_duplicates_and_the_reason_for_a_refusal()
    {
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("log-lines");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = hosts.DevHostSettings(url, virtualHost.ConnectionString);
        settings.Remove("Logging:LogLevel:Default");
        await using var events = await EventObserver.StartAsync(virtualHost.ConnectionString);
        await using var devHost = await DevHostProcess.StartAsync(url, settings);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("x-functions-key", MusicEventsHosts.FunctionKey);
        var correlationId = Guid.NewGuid();

        var atStart = devHost.Lines.Count;
        var response = await http.PostAsJsonAsync(new Uri(url, "/api/tracks/extend"), new { correlationId, clipId = $"clip-{Guid.NewGuid():N}", startsAt = 1, length = 1 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = await events.WaitForAsync<TrackStored>(correlationId, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1)); // the archive consumer logs just after it publishes
        var flow = devHost.Lines.Skip(atStart).ToList();

        var late = SignedDelivery.Failed(correlationId, stored.TaskId, MusicEventsHosts.MasterKey);
        var copies = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = late.ToRequest(url);
            return (await http.SendAsync(request)).StatusCode;
        }));
        using var once = late.ToRequest(url);
        var again = (await http.SendAsync(once)).StatusCode;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var duplicates = devHost.Lines.Skip(atStart + flow.Count).ToList();

        // A forged copy (signed with another key): a bare 401 teaches a forger nothing; the log says why.
        var forged = SignedDelivery.Failed(correlationId, stored.TaskId, new string('0', 64));
        using var forgedRequest = forged.ToRequest(url);
        var refused = await http.SendAsync(forgedRequest);
        var refusedBody = await refused.Content.ReadAsByteArrayAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var refusal = devHost.Lines.Skip(atStart + flow.Count + duplicates.Count).ToList();

        output.WriteLine($"{atStart} lines at start; {flow.Count} for one request through to Stored:");
        flow.ForEach(output.WriteLine);
        output.WriteLine($"{duplicates.Count} for {copies.Length + 1} copies of one delivery ({string.Join(", ", copies)}, then {again}):");
        duplicates.ForEach(output.WriteLine);
        output.WriteLine("for a forged copy:");
        refusal.ForEach(output.WriteLine);

        var lines = devHost.Lines;
        Assert.All(lines, line => Assert.Matches(Timestamp(), line));
        Assert.DoesNotContain(lines, line => line.Contains("Azure.", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.InRange(flow.Count, 1, 6);
        Assert.Contains(HttpStatusCode.OK, copies);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Contains(duplicates, line => line.Contains("this report changes nothing", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(refusedBody);
        Assert.Contains(refusal, line => line.Contains("Webhook refused (", StringComparison.Ordinal) && line.Contains(correlationId.ToString(), StringComparison.Ordinal));

        // (At start, the health checks the test polls log the bus as unhealthy until it is connected.)
        Assert.DoesNotContain([.. flow, .. duplicates], line => line.Contains(" warn: ", StringComparison.Ordinal) || line.Contains(" fail: ", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ")]
    private static partial Regex Timestamp();
}
