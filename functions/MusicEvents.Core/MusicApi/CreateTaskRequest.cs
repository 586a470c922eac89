using System.Text.Json.Serialization;

namespace MusicEvents.Core.MusicApi;

/// <summary>The body of <c>POST /api/v1/producer/create</c>, serialized snake_case.</summary>
public sealed record CreateTaskRequest
{
    public required string TaskType { get; init; }
    public required string ClipId { get; init; }
    public required double StartsAt { get; init; }
    public double? EndsAt { get; init; }
    public double? Length { get; init; }
    public string? Instruction { get; init; }
    public string? Lyrics { get; init; }
    public string? Sound { get; init; }
    public string? WebhookUrl { get; set; }

    // Never written to logs: records print their members, so the secret is kept out of ToString.
    [JsonPropertyName("webhook_secret")]
    public string? WebhookSecret { get; set; }

    public override string ToString() => $"CreateTaskRequest {{ TaskType = {TaskType}, ClipId = {ClipId} }}";
}
