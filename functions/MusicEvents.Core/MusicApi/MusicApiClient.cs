using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MusicEvents.Core.MusicApi;

/// <summary>MusicAPI's Producer endpoints. Transient answers are retried by the resilience handler
/// registered with this client (<see cref="MusicApiServiceCollectionExtensions"/>).</summary>
public sealed partial class MusicApiClient(HttpClient http, IOptions<MusicApiOptions> options, ILogger<MusicApiClient> logger)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<CreateTaskOutcome> CreateTaskAsync(CreateTaskRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CreateTimeout);
        try
        {
            using var response = await http.PostAsJsonAsync("producer/create", request, Json, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return ReadTaskId(body) is { } taskId
                    ? new CreateTaskOutcome.Accepted(taskId)
                    : new CreateTaskOutcome.Unknown($"MusicAPI answered {(int)response.StatusCode} without a task_id");
            }

            var message = MusicApiErrors.ReadMessage(body, response.StatusCode);
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
        catch (HttpRequestException exception) when (exception.HttpRequestError != HttpRequestError.ConnectionError)
        {
            // The connection broke after the request went out: the outcome is unknown too.
            return new CreateTaskOutcome.Unknown($"MusicAPI's answer was lost: {exception.HttpRequestError}");
        }
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

        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.GatewayTimeout)
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
