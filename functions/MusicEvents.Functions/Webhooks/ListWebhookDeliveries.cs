using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.Functions.Webhooks;

/// <summary>For operators: the kept MusicAPI deliveries, newest first, to pick one to replay (function-key auth).</summary>
public sealed class ListWebhookDeliveries(WebhookDeliveriesHttpHandler handler)
{
    [Function(nameof(ListWebhookDeliveries))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "webhooks/musicapi/deliveries")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.ListAsync(request, cancellationToken);
}
