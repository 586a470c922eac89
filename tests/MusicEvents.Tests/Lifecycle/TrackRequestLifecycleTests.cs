using System.Text;
using Microsoft.AspNetCore.Http;
using MusicEvents.Contracts;
using MusicEvents.Core.Submission;
using MusicEvents.Core.Tracking;
using MusicEvents.Tests.MusicApi;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>The HTTP request functions' handler: it validates and publishes; the consumer records the task.</summary>
public sealed class TrackRequestLifecycleTests
{
    [Fact]
    public async Task A_POSTed_request_is_answered_202_and_its_command_is_submitted_by_the_consumer()
    {
        var musicApi = new StubHandler(StubHandler.Status(200, """{"task_id":"t-http"}"""));
        await using var harness = await LifecycleHarness.StartAsync(musicApi);
        var correlationId = Guid.NewGuid();

        var status = await PostExtendAsync(harness, $$"""{"correlationId":"{{correlationId}}","clipId":"clip-1","startsAt":45.5,"length":30}""");

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Equal("t-http", Assert.Single(await harness.PublishedAsync<TrackSubmitted>(correlationId)).TaskId);
        Assert.Equal(TrackTaskState.Submitted, harness.Store.Get(correlationId).State);
    }

    [Fact]
    public async Task A_correlation_id_taken_by_another_request_is_409_even_before_its_command_was_taken()
    {
        await using var harness = await LifecycleHarness.StartAsync();
        var correlationId = Guid.NewGuid();

        var first = await PostExtendAsync(harness, $$"""{"correlationId":"{{correlationId}}","clipId":"one","startsAt":1}""");
        var other = await PostExtendAsync(harness, $$"""{"correlationId":"{{correlationId}}","clipId":"other","startsAt":1}""");
        var again = await PostExtendAsync(harness, $$"""{"correlationId":"{{correlationId}}","clipId":"one","startsAt":1}""");

        Assert.Equal((StatusCodes.Status202Accepted, StatusCodes.Status409Conflict, StatusCodes.Status202Accepted), (first, other, again));
        Assert.DoesNotContain(harness.MassTransit.Published.Select<ExtendTrackCommand>(), m => m.Context.Message.ClipId == "other");
    }

    [Fact]
    public async Task A_request_the_broker_cannot_take_is_503_and_records_nothing()
    {
        await using var harness = await LifecycleHarness.StartAsync(publishFilters: new FailFirstPublish<ExtendTrackCommand>());
        var correlationId = Guid.NewGuid();

        var status = await PostExtendAsync(harness, $$"""{"correlationId":"{{correlationId}}","clipId":"clip-1","startsAt":1}""");

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Null(await harness.Store.FindAsync(correlationId, CancellationToken.None));
    }

    private static async Task<int> PostExtendAsync(LifecycleHarness harness, string json)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        var result = await harness.InScopeAsync<TrackRequestHttpHandler, IResult>(h => h.AcceptExtendAsync(context.Request, CancellationToken.None));
        return await result.StatusCodeAsync();
    }
}
