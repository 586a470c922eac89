using MassTransit;
using Microsoft.Extensions.Logging;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Webhooks;

/// <summary>
/// Puts a verified delivery's report on the bus, with the delivery to keep, for arrival and operator
/// replay alike; a report that is not final (streaming, running) goes nowhere and is not kept: it
/// changes no state.
/// </summary>
public sealed partial class WebhookReportPublisher(IPublishEndpoint publish, ILogger<WebhookReportPublisher> logger)
{
    // A broker that is down would otherwise hold the sender until its own timeout.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    /// <returns>True when a report was published.</returns>
    /// <param name="replay">An operator's replay: the delivery is kept already, and the events of a report taken before go out again.</param>
    public async Task<bool> PublishAsync(WebhookDelivery delivery, ProviderTaskReport report, CancellationToken cancellationToken, bool replay = false)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(report);
        if (!report.IsFinal)
        {
            LogNotFinal(logger, delivery.CorrelationId, report.Status);
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        var input = TrackInputs.Webhook(delivery.WebhookId);
        await publish.Publish(
            replay ? new TaskReported(delivery.CorrelationId, input, report, Replay: true) : new TaskReported(delivery.CorrelationId, input, report, delivery),
            timeout.Token);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{CorrelationId} reported {Status}: not final, nothing to apply")]
    private static partial void LogNotFinal(ILogger logger, Guid correlationId, ProviderTaskStatus status);
}
