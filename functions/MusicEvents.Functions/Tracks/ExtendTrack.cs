using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Submission;

namespace MusicEvents.Functions.Tracks;

public sealed class ExtendTrack(TrackRequestHttpHandler handler)
{
    [Function(nameof(ExtendTrack))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tracks/extend")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.AcceptExtendAsync(request, cancellationToken);
}
