using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Hosting;

/// <summary>
/// The DevHost as it runs in Azure: AzureWebJobsStorage in its identity form only (no connection
/// string, no key anywhere), DefaultAzureCredential finding the managed identity through
/// IDENTITY_ENDPOINT, against an Azurite that takes bearer tokens over HTTPS.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class IdentityStorageTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task A_DevHost_with_identity_based_storage_starts_serves_and_stores_a_track_with_tokens_only()
    {
        await using var azurite = await OAuthAzurite.StartAsync();
        await using var identity = await ManagedIdentityEndpoint.StartAsync();
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("identity-storage");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var settings = hosts.DevHostSettings(url, virtualHost.ConnectionString);
        settings["AzureWebJobsStorage"] = null;
        settings["AzureWebJobsStorage:blobServiceUri"] = azurite.BlobServiceUri.ToString();
        settings["AzureWebJobsStorage:tableServiceUri"] = azurite.TableServiceUri.ToString();
        settings["SSL_CERT_FILE"] = azurite.CaBundle;
        foreach (var (name, value) in identity.Environment)
        {
            settings[name] = value;
        }

        // Returns once /devhost/health is 200: the bus and the storage check, which reads with a token.
        await using var devHost = await DevHostProcess.StartAsync(url, settings);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("x-functions-key", MusicEventsHosts.FunctionKey);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);

        var correlationId = Guid.NewGuid();
        var accepted = await http.PostAsJsonAsync("/api/tracks/extend", new { correlationId, clipId = $"clip-{Guid.NewGuid():N}", startsAt = 0, length = 1 });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var status = await WaitForStateAsync(http, correlationId, "Stored", devHost);
        var blobUri = status.GetProperty("clips")[0].GetProperty("blobUri").GetString();
        Assert.StartsWith(azurite.BlobServiceUri.ToString(), blobUri, StringComparison.Ordinal);
        Assert.True(identity.TokensIssued > 0);
    }

    private static async Task<JsonElement> WaitForStateAsync(HttpClient http, Guid correlationId, string state, DevHostProcess devHost)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await http.GetAsync($"/api/tracks/{correlationId:D}");
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<JsonElement>() is var status
                && status.GetProperty("state").GetString() == state)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{correlationId} did not reach {state} in 60 s: {devHost.Output}");
            await Task.Delay(250);
        }
    }
}
