using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace MusicEvents.Sandbox;

/// <summary>
/// POSTs one webhook event with musicapi.md's headers, signed at each attempt, and records every
/// attempt. A failed delivery is retried only when <see cref="SandboxOptions.WebhookRetries"/> says so.
/// </summary>
internal sealed class WebhookSender(
    IHttpClientFactory clients,
    SandboxState state,
    TimeProvider time,
    IOptions<SandboxOptions> options,
    ILogger<WebhookSender> logger)
{
    public const string ClientName = "MusicEvents.Sandbox.Webhooks";

    public async Task SendAsync(SandboxTask task, string eventName, string webhookId, byte[] body, CancellationToken cancellationToken)
    {
        var attempts = 1 + options.Value.WebhookRetries;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (await TrySendAsync(task, eventName, webhookId, body, attempt, cancellationToken))
            {
                return;
            }

            if (attempt < attempts)
            {
                await Task.Delay(options.Value.WebhookRetryDelay, time, cancellationToken);
            }
        }
    }

    private async Task<bool> TrySendAsync(
        SandboxTask task, string eventName, string webhookId, byte[] body, int attempt, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, task.Request.WebhookUrl);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Webhook-Id", webhookId);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", webhookId);
        request.Headers.TryAddWithoutValidation("X-Webhook-Event", eventName);
        request.Headers.TryAddWithoutValidation("X-Webhook-Timestamp", timestamp);
        request.Headers.TryAddWithoutValidation(
            "X-Webhook-Signature", WebhookSigner.Sign(task.WebhookSecret ?? WebhookSigner.DefaultSecret, timestamp, body));

        int? status = null;
        string? error = null;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = ex is TaskCanceledException ? "timed out" : ex.Message;
        }

        state.Record(new DeliveryAttempt(time.GetUtcNow(), task.Id, task.CorrelationId, eventName, webhookId, attempt, status, error));
        logger.LogInformation(
            "Webhook {Event} {WebhookId} of task {TaskId} attempt {Attempt}: {StatusCode} {Error}",
            eventName, webhookId, task.Id, attempt, status, error);
        return status is >= 200 and < 300;
    }
}
