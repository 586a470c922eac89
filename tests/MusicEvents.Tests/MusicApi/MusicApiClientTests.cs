using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.MusicApi;

public sealed class MusicApiClientTests
{
    private const string ApiKey = "key-that-must-never-be-logged";

    [Fact]
    public async Task A_401_is_Unauthorized_and_logged_as_a_critical_configuration_error_without_the_key()
    {
        var logger = new FakeLogger<MusicApiClient>();
        var client = Client(HttpStatusCode.Unauthorized, """{"code":401,"message":"Invalid API key"}""", logger);

        var outcome = await client.CreateTaskAsync(Request(), CancellationToken.None);

        var refused = Assert.IsType<CreateTaskOutcome.Refused>(outcome);
        Assert.Equal((TrackFailureReason.Unauthorized, "Invalid API key"), (refused.Reason, refused.Message));
        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Critical, record.Level);
        Assert.Contains("MusicApi:ApiKey", record.Message);
        Assert.DoesNotContain(ApiKey, record.Message);
    }

    [Fact]
    public async Task An_accepted_answer_carries_the_task_id()
    {
        var client = Client(HttpStatusCode.OK, """{"message":"success","task_id":"t-1"}""", new FakeLogger<MusicApiClient>());

        var outcome = await client.CreateTaskAsync(Request(), CancellationToken.None);

        Assert.Equal(new CreateTaskOutcome.Accepted("t-1"), outcome);
    }

    [Fact]
    public async Task A_success_without_a_task_id_is_an_unknown_outcome_not_an_acceptance()
    {
        var client = Client(HttpStatusCode.OK, """{"message":"success"}""", new FakeLogger<MusicApiClient>());

        Assert.IsType<CreateTaskOutcome.Unknown>(await client.CreateTaskAsync(Request(), CancellationToken.None));
    }

    private static MusicApiClient Client(HttpStatusCode status, string body, ILogger<MusicApiClient> logger)
    {
        var http = new HttpClient(new FixedAnswer(status, body)) { BaseAddress = new Uri("http://musicapi.test/api/v1/") };
        var options = Options.Create(new MusicApiOptions { BaseUrl = "http://musicapi.test", ApiKey = ApiKey, WebhookUrl = "http://hooks.test", WebhookMasterKeys = ["k"] });
        return new MusicApiClient(http, options, logger);
    }

    private static CreateTaskRequest Request() => new() { TaskType = "extend_music", ClipId = "c", StartsAt = 1 };

    private sealed class FixedAnswer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
    }
}
