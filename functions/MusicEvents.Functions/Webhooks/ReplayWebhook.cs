using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.Functions.Webhooks;

/// <summary>For operators: processes a kept MusicAPI delivery again (function-key auth); <c>?cid=</c> finds it by key.</summary>
public sealed class ReplayWebhook(WebhookReplayer replayer)
{
    [Function(nameof(ReplayWebhook))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/musicapi/replay/{webhookId}")] HttpRequest request,
        string webhookId,
        CancellationToken cancellationToken)
    {
        if (!request.Query.TryGetValue("cid", out var text))
        {
            return replayer.ReplayAsync(webhookId, null, cancellationToken);
        }

        return Guid.TryParseExact(text.ToString(), "D", out var cid)
            ? replayer.ReplayAsync(webhookId, cid, cancellationToken)
            : Task.FromResult(Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "'cid' must be a correlation id (a GUID)."));
    }
}
