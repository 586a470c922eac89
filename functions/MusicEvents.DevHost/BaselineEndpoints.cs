using MusicEvents.Core.Hosting;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.DevHost;

/// <summary>
/// Routes for <c>./dev bench</c>; the DevHost is a development host and is never deployed.
/// <c>POST /devhost/baseline/read-body</c> reads the body as the webhook function does (same
/// bounded reader, same 1 MiB limit) and answers 200, nothing else: loaded beside the webhook on
/// the same Kestrel, it tells MusicEvents' own cost from the server's.
/// <c>GET /devhost/storage-requests</c> answers the storage requests sent so far, per service
/// (<c>table</c>, <c>blob</c>, <c>other</c>) and per table or container, as
/// <see cref="StorageRequestCounter"/> counted them (<see cref="StorageRequestCounts"/>). <c>GET /devhost/timer-runs</c>
/// answers the timer occurrences this instance ran (the others ran the rest).
/// </summary>
public static class BaselineEndpoints
{
    public const string ReadBodyRoute = "/devhost/baseline/read-body";
    public const string StorageRequestsRoute = "/devhost/storage-requests";
    public const string TimerRunsRoute = "/devhost/timer-runs";

    public static void MapBaselineEndpoints(this WebApplication app)
    {
        app.MapPost(ReadBodyRoute, async (HttpRequest request, CancellationToken cancellationToken) =>
            await BoundedBody.ReadAsync(request.Body, WebhookHttpHandler.MaxBodyBytes, cancellationToken) is null
                ? Results.StatusCode(StatusCodes.Status413PayloadTooLarge)
                : Results.Ok());
        app.MapGet(StorageRequestsRoute, (StorageRequestCounter counter) => Results.Ok(counter.Snapshot()));
        app.MapGet(TimerRunsRoute, (TimerRunLease lease) => Results.Ok(lease.Runs));
    }
}
