using System.Net;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Submission;

[Collection(IntegrationCollection.Name)]
public sealed class StatusRouteTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task An_unknown_correlation_id_is_answered_404()
    {
        var response = await hosts.Http.GetAsync(hosts.DevHostRoute($"/api/tracks/{Guid.NewGuid():D}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_correlation_id_that_is_not_a_GUID_is_answered_400()
    {
        var response = await hosts.Http.GetAsync(hosts.DevHostRoute("/api/tracks/not-a-guid"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
