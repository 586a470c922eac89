using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.Functions.Webhooks;

/// <summary>For operators: processes a kept MusicAPI delivery again (function-key auth).</summary>
public sealed class ReplayWebhook(WebhookReplayer replayer)
{
    [Function(nameof(ReplayWebhook))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/musicapi/replay/{webhookId}")] HttpRequest request,
        string webhookId,
        CancellationToken cancellationToken) =>
        replayer.ReplayAsync(webhookId, cancellationToken);
}
