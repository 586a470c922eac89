using MusicEvents.Core.Hosting;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.DevHost;

/// <summary>
/// <c>POST /devhost/baseline/read-body</c>: reads the body as the webhook function does (same
/// bounded reader, same 1 MiB limit) and answers 200, nothing else. It exists for <c>./dev bench</c>,
/// which loads it beside the webhook on the same Kestrel to tell MusicEvents' own cost from the
/// server's; the DevHost is a development host and is never deployed.
/// </summary>
public static class BaselineEndpoints
{
    public const string ReadBodyRoute = "/devhost/baseline/read-body";

    public static void MapBaselineEndpoints(this WebApplication app) =>
        app.MapPost(ReadBodyRoute, async (HttpRequest request, CancellationToken cancellationToken) =>
            await BoundedBody.ReadAsync(request.Body, WebhookHttpHandler.MaxBodyBytes, cancellationToken) is null
                ? Results.StatusCode(StatusCodes.Status413PayloadTooLarge)
                : Results.Ok());
}
