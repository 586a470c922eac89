using System.Net.Http.Json;
using System.Text.Json;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>The status route of a task held back before its create call, as a client polling it sees it.</summary>
public static class WaitingStatus
{
    /// <returns>The status's <c>waiting</c> object, once it has one.</returns>
    public static async Task<JsonElement> OfAsync(Uri devHost, Guid correlationId, TimeSpan patience)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("x-functions-key", MusicEventsHosts.FunctionKey);
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync(new Uri(devHost, $"/api/tracks/{correlationId:D}"));
            if (response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("waiting", out var waiting)
                && waiting.ValueKind == JsonValueKind.Object)
            {
                return waiting;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{correlationId} never showed a wait.");
    }
}
