using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Webhooks;

/// <summary>
/// Publishes a kept delivery's report again, for operators: down the same path as on arrival, so it
/// can only re-publish the events this delivery decided, never change a task another report decided.
/// </summary>
public sealed partial class WebhookReplayer(IKeptDeliveries deliveries, WebhookReportPublisher reports, ILogger<WebhookReplayer> logger)
{
    /// <param name="correlationId">The delivery's task when the caller knows it (the listing shows it): read by key; without it, looked for across tasks.</param>
    public async Task<IResult> ReplayAsync(string webhookId, Guid? correlationId, CancellationToken cancellationToken)
    {
        if (await deliveries.FindAsync(webhookId, correlationId, cancellationToken) is not { } delivery)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No delivery is kept under that id.");
        }

        ProviderTaskReport report;
        try
        {
            using var document = JsonDocument.Parse(delivery.Body);
            report = ProviderTaskReader.ReadWebhook(document.RootElement, delivery.Event);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The kept body is not JSON.");
        }

        var published = await reports.PublishAsync(delivery, report, cancellationToken, replay: true);
        LogReplayed(logger, webhookId, delivery.CorrelationId, published);
        return Results.Ok(new { webhookId, delivery.CorrelationId, status = report.Status.ToString(), published });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed webhook {WebhookId} for {CorrelationId}: published {Published}")]
    private static partial void LogReplayed(ILogger logger, string webhookId, Guid correlationId, bool published);
}
