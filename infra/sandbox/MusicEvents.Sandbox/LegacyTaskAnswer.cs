using System.Globalization;

namespace MusicEvents.Sandbox;

/// <summary>
/// The older answer shape of GET /producer/task (musicapi.md): no <c>status</c>, a <c>state</c> per
/// clip, <c>duration</c> as a string, and HTTP 202 <c>{code, type, error}</c> while processing. How
/// that shape reports a failure is undocumented: here <c>{code, type: "failed", error}</c>.
/// </summary>
internal static class LegacyTaskAnswer
{
    public static IResult For(SandboxTask task) => task.Status switch
    {
        SandboxTaskStatus.Success => Results.Json(
            new Finished(StatusCodes.Status200OK, "success", [.. task.Clips.Select(Clip)]), SandboxJson.Options),
        SandboxTaskStatus.Failed => Results.Json(
            new ErrorBody(StatusCodes.Status200OK, "failed", task.FailureMessage ?? "failed"), SandboxJson.Options),
        _ => Results.Json(
            new ErrorBody(StatusCodes.Status202Accepted, "not_ready", "Task is still processing, try again later."),
            SandboxJson.Options,
            statusCode: StatusCodes.Status202Accepted),
    };

    private static LegacyClip Clip(SandboxClip clip) => new(
        clip.ClipId,
        clip.State,
        clip.Title,
        clip.AudioUrl,
        clip.ImageUrl,
        clip.Duration.ToString("0.00", CultureInfo.InvariantCulture),
        clip.CreatedAt);

    private sealed record Finished(int Code, string Message, IReadOnlyList<LegacyClip> Data);

    private sealed record ErrorBody(int Code, string Type, string Error);

    private sealed record LegacyClip(
        string ClipId, string State, string Title, string AudioUrl, string ImageUrl, string Duration, DateTimeOffset CreatedAt);
}
