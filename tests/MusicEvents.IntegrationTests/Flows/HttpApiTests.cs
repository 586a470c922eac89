using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Flows;

[Collection(IntegrationCollection.Name)]
public sealed class HttpApiTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task Extend_posted_over_HTTP_is_accepted_and_reaches_Stored_with_its_history()
    {
        var correlationId = Guid.NewGuid();
        var response = await hosts.Http.PostAsJsonAsync(
            hosts.DevHostRoute("/api/tracks/extend"),
            new { correlationId, clipId = $"clip-{Guid.NewGuid():N}", startsAt = 12.25, length = 2 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/tracks/{correlationId:D}", response.Headers.Location?.OriginalString);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(correlationId, accepted.GetProperty("correlationId").GetGuid());

        var stored = await hosts.Events.WaitForAsync<TrackStored>(correlationId);
        Assert.Equal(stored.Sha256, await Sha256.OfBlobAsync(hosts.Blobs, stored.BlobUri));

        var status = await WaitForStateAsync(correlationId, "Stored");
        Assert.Equal(stored.TaskId, status.GetProperty("taskId").GetString());
        Assert.Equal(stored.BlobUri.ToString(), status.GetProperty("clips")[0].GetProperty("blobUri").GetString());
        var states = status.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("state").GetString()).ToList();
        Assert.Equal(["Accepted", "Submitted", "Completed", "Stored"], states);
    }

    [Fact]
    public async Task An_invalid_body_is_answered_400_listing_every_problem()
    {
        var response = await hosts.Http.PostAsJsonAsync(
            hosts.DevHostRoute("/api/tracks/replace-section"),
            new { clipId = "", startsAt = -3, endsAt = -5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "clipId", "startsAt", "endsAt" }, fields);
    }

    [Fact]
    public async Task Without_the_function_key_the_track_routes_answer_401()
    {
        using var anonymous = new HttpClient();
        var response = await anonymous.PostAsJsonAsync(hosts.DevHostRoute("/api/tracks/extend"), new { clipId = "x", startsAt = 1 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonElement> WaitForStateAsync(Guid correlationId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement status;
        do
        {
            status = await hosts.StatusAsync(correlationId);
            if (status.GetProperty("state").GetString() == state)
            {
                return status;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Task {correlationId} is {status.GetProperty("state")}, not {state}");
        return status;
    }
}
