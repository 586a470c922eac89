using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Interop;

/// <summary>The OpenAPI document the DevHost serves, against docs/openapi.json and against the real answers.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class HttpDocumentTests(MusicEventsHosts hosts)
{
    private static readonly JsonNode Kept = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("docs", "openapi.json")))!;

    [Fact]
    public async Task The_DevHost_serves_the_OpenAPI_document_kept_in_docs()
    {
        using var response = await hosts.Http.GetAsync(hosts.DevHostRoute("/openapi/v1.json"));

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.DeepEquals(Kept, JsonNode.Parse(await response.Content.ReadAsStringAsync())), "The served document differs from docs/openapi.json.");
    }

    [Fact]
    public async Task A_202_has_exactly_the_fields_the_document_names()
    {
        var correlationId = Guid.NewGuid();

        using var response = await hosts.Http.PostAsJsonAsync(
            hosts.DevHostRoute("/api/tracks/extend"), new { correlationId, clipId = $"clip-{correlationId:N}", startsAt = 1, length = 1 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(DocumentedFields("AcceptedBody"), await FieldsAsync(response));
    }

    [Fact]
    public async Task A_listed_delivery_replays_with_exactly_the_fields_the_document_names()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 1, Length: 1);
        await hosts.Events.Publisher.Publish(command);
        await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId);

        using var listed = await hosts.Http.GetAsync(hosts.DevHostRoute("/api/webhooks/musicapi/deliveries?hours=1&limit=500"));
        listed.EnsureSuccessStatusCode();
        var deliveries = await listed.Content.ReadFromJsonAsync<JsonElement>();
        var delivery = deliveries.EnumerateArray().Single(d => d.GetProperty("correlationId").GetGuid() == command.CorrelationId);
        Assert.Equal(DocumentedFields("KeptDelivery"), delivery.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("song.completed", delivery.GetProperty("event").GetString());
        Assert.True(delivery.GetProperty("keptAt").GetDateTimeOffset() >= delivery.GetProperty("receivedAt").GetDateTimeOffset());

        using var replayed = await hosts.Http.PostAsync(
            hosts.DevHostRoute($"/api/webhooks/musicapi/replay/{Uri.EscapeDataString(delivery.GetProperty("webhookId").GetString()!)}?cid={command.CorrelationId:D}"), null);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(DocumentedFields("ReplayedBody"), await FieldsAsync(replayed));
    }

    [Fact]
    public async Task The_delivery_listing_refuses_a_limit_out_of_bounds_by_name()
    {
        using var response = await hosts.Http.GetAsync(hosts.DevHostRoute("/api/webhooks/musicapi/deliveries?limit=0"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    private static IEnumerable<string> DocumentedFields(string schema) =>
        Kept["components"]!["schemas"]![schema]!["properties"]!.AsObject().Select(p => p.Key).Order();

    private static async Task<IEnumerable<string>> FieldsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject().Select(p => p.Name).Order();
}
