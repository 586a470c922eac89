using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Submission;

namespace MusicEvents.Functions.Tracks;

public sealed class ReplaceSection(TrackRequestHttpHandler handler)
{
    [Function(nameof(ReplaceSection))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tracks/replace-section")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.AcceptReplaceSectionAsync(request, cancellationToken);
}
