using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicEvents.DevHost;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Hosting;

/// <summary>
/// GET /api/health (the Functions app's own function, served by the DevHost) and the DevHost's
/// /devhost/health, on the real RabbitMQ node stopped and started again.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HealthRouteTests(MusicEventsHosts hosts)
{
    private const string FunctionsHealth = "/api/health";

    // No function key: the route is anonymous, as Azure's health probe needs.
    private readonly HttpClient anonymous = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Both_health_routes_answer_503_while_RabbitMQ_is_stopped_and_200_once_it_is_back()
    {
        var healthy = await anonymous.GetAsync(hosts.DevHostRoute(FunctionsHealth));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        var checks = Checks(await healthy.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal("Healthy", checks["storage"]);
        Assert.Contains(checks, c => c.Key.StartsWith("masstransit", StringComparison.Ordinal) && c.Value == "Healthy");

        await Broker.StopAsync();
        try
        {
            var down = await WaitForAsync(FunctionsHealth, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(60));
            var downChecks = Checks(await down.Content.ReadFromJsonAsync<JsonElement>());
            Assert.Equal("Healthy", downChecks["storage"]);
            Assert.Contains(downChecks, c => c.Key.StartsWith("masstransit", StringComparison.Ordinal) && c.Value != "Healthy");
            await WaitForAsync(DevHostApp.HealthPath, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10));
        }
        finally
        {
            await Broker.StartAsync();
        }

        await WaitForAsync(FunctionsHealth, HttpStatusCode.OK, TimeSpan.FromSeconds(90));
        await WaitForAsync(DevHostApp.HealthPath, HttpStatusCode.OK, TimeSpan.FromSeconds(10));
    }

    private static Dictionary<string, string> Checks(JsonElement report) =>
        report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);

    private async Task<HttpResponseMessage> WaitForAsync(string path, HttpStatusCode wanted, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var response = await anonymous.GetAsync(hosts.DevHostRoute(path));
            if (response.StatusCode == wanted)
            {
                return response;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} still answered {(int)response.StatusCode} after {patience}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(250);
        }
    }
}
