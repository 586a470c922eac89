using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.Functions.Webhooks;

/// <summary>Anonymous at the host: every delivery proves itself by its signature instead.</summary>
public sealed class MusicApiWebhook(WebhookHttpHandler handler)
{
    [Function(nameof(MusicApiWebhook))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/musicapi")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.ReceiveAsync(request, cancellationToken);
}
