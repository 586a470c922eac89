using Microsoft.Azure.Functions.Worker;
using MusicEvents.DevHost;
using MusicEvents.Functions.Reconciliation;
using MusicEvents.Functions.Tracks;
using MusicEvents.Functions.Webhooks;

namespace MusicEvents.Tests.DevHost;

public sealed class FunctionCatalogTests
{
    private readonly FunctionCatalog catalog = FunctionCatalog.Discover(typeof(ExtendTrack).Assembly);

    [Fact]
    public void Finds_the_four_http_functions_of_the_api()
    {
        // Every function found, no more and no fewer, is checked against functions.metadata elsewhere.
        Assert.Superset(
            new HashSet<string> { "ExtendTrack", "GetTrackStatus", "MusicApiWebhook", "ReplaceSection" },
            catalog.Http.Select(f => f.Name).ToHashSet());
    }

    [Theory]
    [InlineData("ExtendTrack", "tracks/extend", "POST", AuthorizationLevel.Function)]
    [InlineData("ReplaceSection", "tracks/replace-section", "POST", AuthorizationLevel.Function)]
    [InlineData("GetTrackStatus", "tracks/{correlationId}", "GET", AuthorizationLevel.Function)]
    [InlineData("MusicApiWebhook", "webhooks/musicapi", "POST", AuthorizationLevel.Anonymous)]
    public void Http_function_keeps_the_route_method_and_level_of_its_attribute(
        string name, string route, string method, AuthorizationLevel level)
    {
        var function = Assert.Single(catalog.Http, f => f.Name == name);

        Assert.Equal(route, function.Route);
        Assert.Equal(new[] { method }, function.Methods);
        Assert.Equal(level, function.Level);
    }

    [Fact]
    public void Http_functions_point_at_their_own_classes()
    {
        Assert.Equal(typeof(ExtendTrack), Assert.Single(catalog.Http, f => f.Name == "ExtendTrack").Class);
        Assert.Equal(typeof(MusicApiWebhook), Assert.Single(catalog.Http, f => f.Name == "MusicApiWebhook").Class);
    }

    [Fact]
    public void Finds_the_reconciliation_timer_with_its_schedule_setting()
    {
        var timer = Assert.Single(catalog.Timers);

        Assert.Equal("ReconcileTasks", timer.Name);
        Assert.Equal("%Reconciliation:Schedule%", timer.Schedule);
        Assert.Equal(typeof(ReconcileTasks), timer.Class);
    }
}
