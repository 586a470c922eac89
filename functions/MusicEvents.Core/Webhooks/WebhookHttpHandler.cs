using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Telemetry;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Webhooks;

/// <summary>
/// <c>POST /api/webhooks/musicapi?cid=…</c>: nothing is believed before the signature over the raw
/// bytes checks out; then the report is published, the delivery itself inside it, for
/// <see cref="TaskReportedConsumer"/>, which changes the task and keeps the delivery in one write.
/// Only once the broker has confirmed it is 200 answered: 200 means verified and durably on the
/// broker. The handler touches no storage, so a delivery costs the broker's confirm alone; a
/// duplicate is recognised by the task's history (its input is the delivery's id) and a broker
/// that cannot take it answers 503, so that a retrying sender comes again.
/// </summary>
public sealed partial class WebhookHttpHandler(
    WebhookSignatureVerifier verifier,
    WebhookReportPublisher reports,
    MusicEventsMetrics metrics,
    TimeProvider time,
    ILogger<WebhookHttpHandler> logger)
{
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly string[] KeptHeaderNames =
    [
        WebhookHeaders.Id, WebhookHeaders.Event, WebhookHeaders.Timestamp, WebhookHeaders.Signature,
        "Idempotency-Key", "Content-Type", "User-Agent",
    ];

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await BoundedBody.ReadAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!Guid.TryParseExact(request.Query["cid"].ToString(), "D", out var correlationId))
        {
            LogRefused(logger, "missing or malformed cid", Guid.Empty);
            metrics.WebhookDelivery("no_task");
            return Results.Unauthorized();
        }

        var headers = request.Headers;
        string? signature = headers[WebhookHeaders.Signature];
        string? timestamp = headers[WebhookHeaders.Timestamp];
        string? webhookId = headers[WebhookHeaders.Id];
        var check = signature is null && headers.ContainsKey(WebhookHeaders.LegacySignature)
            ? SignatureCheck.LegacyScheme
            : verifier.Verify(correlationId, timestamp, signature, body);
        if (check != SignatureCheck.Valid || string.IsNullOrWhiteSpace(webhookId) || webhookId.Length > 256)
        {
            LogRefused(logger, check == SignatureCheck.Valid ? "missing or oversized X-Webhook-Id" : check.ToString(), correlationId);
            metrics.WebhookDelivery(Verdict(check));
            return Results.Unauthorized();
        }

        // Believed from here on: the delivery's span continues the flow's trace (tp, from the URL we gave MusicAPI).
        FlowTrace.Tag(Activity.Current, correlationId);
        using var span = FlowTrace.Continue("webhook delivery", request.Query[FlowTrace.WebhookParameter], correlationId);

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId, ["WebhookId"] = webhookId });
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A delivery must be application/json.");
        }

        ProviderTaskReport report;
        try
        {
            using var document = JsonDocument.Parse(body);
            report = ProviderTaskReader.ReadWebhook(document.RootElement, headers[WebhookHeaders.Event]);
        }
        catch (JsonException)
        {
            metrics.WebhookDelivery("malformed");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The delivery is not valid JSON.");
        }

        FlowTrace.Tag(span, correlationId, report.TaskId);

        var delivery = new WebhookDelivery(webhookId, correlationId, KeptHeaders(request), body, time.GetUtcNow());
        return await ProcessAsync(delivery, report, cancellationToken);
    }

    private async Task<IResult> ProcessAsync(WebhookDelivery delivery, ProviderTaskReport report, CancellationToken cancellationToken)
    {
        try
        {
            if (!await reports.PublishAsync(delivery, report, cancellationToken))
            {
                metrics.WebhookDelivery("not_final");
                return Results.Ok();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPublishFailed(logger, exception, delivery.CorrelationId);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        metrics.WebhookDelivery("valid");
        return Results.Ok();
    }

    private static string Verdict(SignatureCheck check) => check switch
    {
        SignatureCheck.Valid => "missing_webhook_id",
        SignatureCheck.StaleTimestamp => "stale",
        SignatureCheck.LegacyScheme => "legacy_scheme",
        _ => "bad_signature",
    };

    private static Dictionary<string, string> KeptHeaders(HttpRequest request) =>
        KeptHeaderNames
            .Where(name => request.Headers.ContainsKey(name))
            .ToDictionary(name => name, name => request.Headers[name].ToString(), StringComparer.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook refused ({Reason}) for {CorrelationId}")]
    private static partial void LogRefused(ILogger logger, string reason, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook for {CorrelationId} could not be published: answering 503")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid correlationId);
}
