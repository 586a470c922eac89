using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MusicEvents.Core.MusicApi;

/// <summary>MusicAPI's Producer endpoints. A poll's transient answers are retried by the resilience
/// handler registered with this client (<see cref="MusicApiServiceCollectionExtensions"/>); a create
/// call is sent once, and its caller decides when to send it again.</summary>
public sealed partial class MusicApiClient(HttpClient http, IOptions<MusicApiOptions> options, ILogger<MusicApiClient> logger)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// One create call, never repeated here: <see cref="MusicApiOptions.CreateTimeout"/> bounds this
    /// call alone, and a "not charged" answer is handed back so that the caller records it before
    /// waiting (a wait that a restart must not turn into an unknown outcome).
    /// </summary>
    public async Task<CreateTaskOutcome> CreateTaskAsync(CreateTaskRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CreateTimeout);
        try
        {
            // Buffered, so the body goes with a Content-Length rather than chunked.
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, Json));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await http.PostAsync("producer/create", content, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return ReadTaskId(body) is { } taskId
                    ? new CreateTaskOutcome.Accepted(taskId)
                    : new CreateTaskOutcome.Unknown($"MusicAPI answered {(int)response.StatusCode} without a task_id");
            }

            var message = MusicApiErrors.ReadMessage(body, response.StatusCode);
            if (MusicApiErrors.IsTransient(response.StatusCode))
            {
                return new CreateTaskOutcome.NotCharged((int)response.StatusCode, RetryAfter(response), message);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                LogUnauthorized(logger);
            }

            return new CreateTaskOutcome.Refused(MusicApiErrors.Classify(response.StatusCode, message), (int)response.StatusCode, message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The request may have reached MusicAPI and been charged: never send it again.
            return new CreateTaskOutcome.Unknown($"No answer from MusicAPI within {options.Value.CreateTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            // The request never left: nothing was charged.
            return new CreateTaskOutcome.NotCharged(null, null, $"MusicAPI could not be reached: {exception.HttpRequestError}");
        }
        catch (HttpRequestException exception)
        {
            // The connection broke after the request went out: the outcome is unknown.
            return new CreateTaskOutcome.Unknown($"MusicAPI's answer was lost: {exception.HttpRequestError}");
        }
    }

    /// <summary><c>Retry-After</c> as seconds or as a date; null when absent or already past.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay > TimeSpan.Zero ? delay : null;
    }

    /// <summary>Polls a task; null when MusicAPI does not know it.</summary>
    public async Task<ProviderTaskReport?> GetTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"producer/task/{Uri.EscapeDataString(taskId)}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return null;
        }

        if (response.StatusCode == HttpStatusCode.GatewayTimeout)
        {
            // MusicAPI's own timeout: "Task failed due to timeout. Credits were previously refunded."
            return new ProviderTaskReport(ProviderTaskStatus.Failed, taskId, [], MusicApiErrors.ReadMessage(body, response.StatusCode), CreditsRefunded: true);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"MusicAPI answered {(int)response.StatusCode} for a task poll", null, response.StatusCode);
        }

        using var document = JsonDocument.Parse(body);
        return ProviderTaskReader.ReadPoll(document.RootElement);
    }

    private static string? ReadTaskId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("task_id", out var id)
                && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "MusicAPI refused our API key (401): check MusicApi:ApiKey")]
    private static partial void LogUnauthorized(ILogger logger);
}
