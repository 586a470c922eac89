using System.Text.Json;

namespace MusicEvents.Sandbox;

/// <summary>The documented validation of POST /producer/create; every message names its field.</summary>
internal static class CreateRequestParser
{
    public const int MaxWebhookUrlLength = 1024;
    private static readonly string[] RetiredTaskTypes = ["music_variation", "swap_music_vocals", "swap_music_sound"];

    public static ApiError? Parse(JsonElement body, out TaskRequest? request, out string? webhookSecret)
    {
        request = null;
        webhookSecret = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest("request body must be a JSON object.");
        }

        var error = JsonFields.String(body, "task_type", out var taskType);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(taskType))
        {
            return ApiError.BadRequest("task_type is required.");
        }

        if (RetiredTaskTypes.Contains(taskType, StringComparer.Ordinal))
        {
            return new ApiError(StatusCodes.Status410Gone, $"task_type {taskType} was retired in 2026-04.");
        }

        if (taskType is not (TaskRequest.Extend or TaskRequest.Replace))
        {
            return ApiError.BadRequest($"task_type '{taskType}' is not supported; use extend_music or replace_music.");
        }

        var extend = taskType == TaskRequest.Extend;

        // Every field is read (all out variables assigned) before the first error wins.
        ApiError?[] typeErrors =
        [
            JsonFields.String(body, "clip_id", out var clipId),
            JsonFields.Number(body, "starts_at", "starts", out var startsAt, out var startsName),
            JsonFields.Number(body, "ends_at", "ends", out var endsAt, out var endsName),
            JsonFields.Number(body, "length", null, out var length, out _),
            JsonFields.String(body, "instruction", out var instruction),
            JsonFields.String(body, "lyrics", out var lyrics),
            JsonFields.String(body, "lyrics_text", out var lyricsText),
            JsonFields.String(body, "sound", out var sound),
            JsonFields.String(body, "webhook_url", out var webhookUrl),
            JsonFields.String(body, "webhook_secret", out webhookSecret),
        ];
        error = typeErrors.FirstOrDefault(e => e is not null)
            ?? Check(string.IsNullOrWhiteSpace(clipId), "clip_id is required.")
            ?? Check(startsAt is null, $"{startsName} is required.")
            ?? Check(startsAt < 0, $"{startsName} must be >= 0.")
            ?? (extend ? CheckExtend(length) : CheckReplace(startsAt, startsName, endsAt, endsName))
            ?? CheckWebhookUrl(webhookUrl);
        if (error is not null)
        {
            webhookSecret = null;
            return error;
        }

        request = new TaskRequest(
            taskType,
            clipId!,
            startsAt!.Value,
            extend ? null : endsAt,
            extend ? length : null,
            instruction,
            lyrics ?? lyricsText,
            extend ? sound : null,
            webhookUrl);
        return null;
    }

    private static ApiError? CheckExtend(double? length) =>
        Check(length is < 1 or > 240, "length must be between 1 and 240.");

    private static ApiError? CheckReplace(double? startsAt, string startsName, double? endsAt, string endsName) =>
        Check(endsAt is null, $"{endsName} is required.")
        ?? Check(endsAt <= startsAt, $"{endsName} must be greater than {startsName}.");

    private static ApiError? CheckWebhookUrl(string? webhookUrl)
    {
        if (webhookUrl is null)
        {
            return null;
        }

        if (webhookUrl.Length > MaxWebhookUrlLength)
        {
            return ApiError.BadRequest($"webhook_url must be at most {MaxWebhookUrlLength} characters.");
        }

        return Check(
            !Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"),
            "webhook_url must be an absolute http or https URL.");
    }

    private static ApiError? Check(bool invalid, string message) => invalid ? ApiError.BadRequest(message) : null;
}
