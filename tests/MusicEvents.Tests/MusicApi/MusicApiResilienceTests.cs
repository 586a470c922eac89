using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.MusicApi;

/// <summary>The retry pipeline registered by AddMusicApi: only answers that prove nothing was charged are tried again.</summary>
public sealed class MusicApiResilienceTests
{
    private static readonly CreateTaskRequest Request = new() { TaskType = "extend_music", ClipId = "clip-1", StartsAt = 10 };

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_transient_answer_is_tried_again_and_the_next_answer_counts(int status)
    {
        var handler = new StubHandler(StubHandler.Status(status), StubHandler.Status(200, """{"message":"success","task_id":"t-1"}"""));

        var outcome = await Client(handler).CreateTaskAsync(Request, CancellationToken.None);

        Assert.Equal(new CreateTaskOutcome.Accepted("t-1"), outcome);
        Assert.Equal(2, handler.Sent);
    }

    [Fact]
    public async Task A_refused_connection_is_tried_again()
    {
        var handler = new StubHandler(
            StubHandler.Throws(new HttpRequestException(HttpRequestError.ConnectionError, "refused")),
            StubHandler.Status(200, """{"message":"success","task_id":"t-2"}"""));

        var outcome = await Client(handler).CreateTaskAsync(Request, CancellationToken.None);

        Assert.Equal(new CreateTaskOutcome.Accepted("t-2"), outcome);
        Assert.Equal(2, handler.Sent);
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

    [Fact]
    public async Task A_transient_answer_that_never_clears_is_refused_after_the_configured_retries()
    {
        var handler = new StubHandler(StubHandler.Status(500));

        var outcome = await Client(handler, retries: "2").CreateTaskAsync(Request, CancellationToken.None);

        Assert.Equal(500, Assert.IsType<CreateTaskOutcome.Refused>(outcome).StatusCode);
        Assert.Equal(3, handler.Sent);
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
