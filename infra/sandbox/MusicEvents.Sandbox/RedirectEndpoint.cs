namespace MusicEvents.Sandbox;

/// <summary>
/// GET /sandbox/redirect?to=&lt;url&gt;: 302 to any absolute URL, as a CDN hop or a hostile
/// server would answer, so that tests can check where the archive follows and where it refuses.
/// </summary>
internal static class RedirectEndpoint
{
    public static IResult Handle(string? to) =>
        Uri.TryCreate(to, UriKind.Absolute, out var target)
            ? Results.Redirect(target.AbsoluteUri)
            : ApiError.BadRequest("to must be an absolute URL.").ToResult();
}
