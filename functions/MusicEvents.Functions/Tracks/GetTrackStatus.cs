using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Functions.Tracks;

public sealed class GetTrackStatus(TrackStatusHttpHandler handler)
{
    [Function(nameof(GetTrackStatus))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "tracks/{correlationId}")] HttpRequest request,
        string correlationId,
        CancellationToken cancellationToken) =>
        handler.GetAsync(correlationId, cancellationToken);
}
