using Microsoft.AspNetCore.Http;

namespace MusicEvents.Core.Tracking;

/// <summary><c>GET /api/tracks/{correlationId}</c>: where a task is, what it produced, how it got there.</summary>
public sealed class TrackStatusHttpHandler(ITrackTaskStore store)
{
    public async Task<IResult> GetAsync(string correlationId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(correlationId, out var id))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The correlationId must be a GUID.");
        }

        var task = await store.FindAsync(id, cancellationToken);
        return task is null
            ? Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: $"No task {id:D}.",
                detail: "A request accepted a moment ago is recorded once the submission consumer has taken it: ask again shortly.")
            : Results.Ok(TrackStatus.Of(task));
    }
}
