using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Flows;

/// <summary>A request that is not what it claims is refused on the DevHost's socket before anything is recorded or charged.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class RequestRefusalTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task Unknown_field_is_refused_with_its_name_and_nothing_is_recorded()
    {
        var correlationId = Guid.NewGuid();
        var response = await hosts.Http.PostAsJsonAsync(
            hosts.DevHostRoute("/api/tracks/extend"),
            new { correlationId, clipId = $"clip-{Guid.NewGuid():N}", startsAt = 3, lenght = 30 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var field = Assert.Single(errors.EnumerateObject());
        Assert.Equal("lenght", field.Name);
        Assert.Contains("'lenght' is not a field", field.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await hosts.Http.GetAsync(hosts.DevHostRoute($"/api/tracks/{correlationId:D}"))).StatusCode);
        Assert.DoesNotContain(hosts.Sandbox.Calls, c => c.CorrelationId == correlationId.ToString());
    }

    [Fact]
    public async Task Unknown_fields_are_listed_with_every_other_problem()
    {
        var response = await hosts.Http.PostAsJsonAsync(
            hosts.DevHostRoute("/api/tracks/replace-section"),
            new { clipId = "", startsAt = 3, endsAt = 2, instrucion = "softer" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "clipId", "endsAt", "instrucion" }, fields);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_answered_415_with_the_accepted_type()
    {
        using var content = new StringContent("clipId=c&startsAt=3", Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await hosts.Http.PostAsync(hosts.DevHostRoute("/api/tracks/extend"), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/json", string.Join(",", response.Headers.GetValues("Accept-Post")));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("application/json", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/webhooks/musicapi", "POST")]
    [InlineData("DELETE", "/api/tracks/6f1c0a52-3c0e-4d43-9a55-0d7a1d2f4b10", "GET")]
    [InlineData("GET", "/api/webhooks/musicapi/replay/some-delivery", "POST")]
    public async Task A_method_a_route_does_not_serve_is_answered_405_with_the_methods_it_does(string method, string path, string allowed)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), hosts.DevHostRoute(path));
        var response = await hosts.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed, string.Join(",", response.Content.Headers.Allow));
    }
}
