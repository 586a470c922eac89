namespace MusicEvents.Sandbox;

/// <summary>MusicAPI's error body: <c>{"code":400,"message":"…"}</c>.</summary>
internal sealed record ApiError(int Code, string Message)
{
    public static ApiError BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public IResult ToResult() => Results.Json(this, statusCode: Code);
}
