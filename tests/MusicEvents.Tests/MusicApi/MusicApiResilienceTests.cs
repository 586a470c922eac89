using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.MusicApi;

/// <summary>
/// What AddMusicApi registers: a create call is sent once and its "not charged" answers are handed
/// back (the submitter waits and sends again); polls are retried in the client.
/// </summary>
public sealed class MusicApiResilienceTests
{
    private static readonly CreateTaskRequest Request = new() { TaskType = "extend_music", ClipId = "clip-1", StartsAt = 10 };

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_transient_answer_to_a_create_call_is_handed_back_as_not_charged_and_not_sent_again_here(int status)
    {
        var handler = new StubHandler(StubHandler.Status(status), StubHandler.Status(200, """{"message":"success","task_id":"t-1"}"""));

        var outcome = await Client(handler).CreateTaskAsync(Request, CancellationToken.None);

        Assert.Equal(status, Assert.IsType<CreateTaskOutcome.NotCharged>(outcome).StatusCode);
        Assert.Equal(1, handler.Sent);
    }

    [Fact]
    public async Task A_429s_Retry_After_is_handed_back_however_long_it_is()
    {
        var handler = new StubHandler(StubHandler.Status(429, configure: r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(90))));

        var outcome = await Client(handler, createTimeout: "00:00:01").CreateTaskAsync(Request, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(90), Assert.IsType<CreateTaskOutcome.NotCharged>(outcome).RetryAfter);
    }

    [Fact]
    public async Task A_refused_connection_is_not_charged()
    {
        var handler = new StubHandler(StubHandler.Throws(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));

        var outcome = await Client(handler).CreateTaskAsync(Request, CancellationToken.None);

        Assert.Null(Assert.IsType<CreateTaskOutcome.NotCharged>(outcome).StatusCode);
        Assert.Equal(1, handler.Sent);
    }

    [Fact]
    public async Task A_polls_transient_answer_is_tried_again_and_the_next_answer_counts()
    {
        var handler = new StubHandler(StubHandler.Status(503), StubHandler.Status(200, """{"code":200,"status":"RUNNING","data":[]}"""));

        var report = await Client(handler).GetTaskAsync("t-1", CancellationToken.None);

        Assert.Equal(ProviderTaskStatus.Running, report!.Status);
        Assert.Equal(2, handler.Sent);
    }

    [Fact]
    public async Task A_poll_answered_504_is_a_failure_whose_credits_were_refunded()
    {
        var handler = new StubHandler(StubHandler.Status(504, """{"code":504,"message":"Task failed due to timeout. Credits were previously refunded."}"""));

        var report = await Client(handler).GetTaskAsync("t-1", CancellationToken.None);

        Assert.Equal((ProviderTaskStatus.Failed, true), (report!.Status, report.CreditsRefunded));
        Assert.Contains("previously refunded", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_create_body_is_sent_with_a_Content_Length_not_chunked()
    {
        long? length = null;
        string? body = null;
        var handler = new StubHandler(async (request, cancellationToken) =>
        {
            length = request.Content!.Headers.ContentLength;
            body = await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("""{"task_id":"t-9"}""") };
        });

        await Client(handler).CreateTaskAsync(Request, CancellationToken.None);

        Assert.NotNull(length);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body!), length);
        Assert.Contains("\"clip_id\":\"clip-1\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(410)]
    [InlineData(504)]
    public async Task A_permanent_answer_is_sent_once(int status)
    {
        var handler = new StubHandler(StubHandler.Status(status, """{"message":"no"}"""));

        var outcome = await Client(handler).CreateTaskAsync(Request, CancellationToken.None);

        Assert.Equal(status, Assert.IsType<CreateTaskOutcome.Refused>(outcome).StatusCode);
        Assert.Equal(1, handler.Sent);
    }

    [Fact]
    public async Task A_timeout_after_sending_is_never_tried_again()
    {
        var handler = new StubHandler(StubHandler.Silent(), StubHandler.Status(200, """{"message":"success","task_id":"t-3"}"""));

        var outcome = await Client(handler, createTimeout: "00:00:00.200").CreateTaskAsync(Request, CancellationToken.None);

        Assert.IsType<CreateTaskOutcome.Unknown>(outcome);
        Assert.Equal(1, handler.Sent);
    }

    [Fact]
    public async Task A_connection_lost_after_sending_is_never_tried_again()
    {
        var handler = new StubHandler(
            StubHandler.Throws(new HttpRequestException(HttpRequestError.ResponseEnded, "gone")),
            StubHandler.Status(200, """{"message":"success","task_id":"t-4"}"""));

        var outcome = await Client(handler).CreateTaskAsync(Request, CancellationToken.None);

        Assert.IsType<CreateTaskOutcome.Unknown>(outcome);
        Assert.Equal(1, handler.Sent);
    }

    private static MusicApiClient Client(StubHandler handler, string createTimeout = "00:00:30", string retries = "3")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MusicApi:BaseUrl"] = "http://musicapi.test",
            ["MusicApi:ApiKey"] = "test-api-key",
            ["MusicApi:WebhookUrl"] = "http://musicevents.test/api/webhooks/musicapi",
            ["MusicApi:WebhookMasterKeys:0"] = new string('a', 32) + new string('b', 32),
            ["MusicApi:CreateTimeout"] = createTimeout,
            ["MusicApi:TransientRetries"] = retries,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddMusicApi(configuration);
        services.AddHttpClient<MusicApiClient>().ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider().GetRequiredService<MusicApiClient>();
    }
}
