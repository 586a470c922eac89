using System.Net;
using System.Text.Json;
using MusicEvents.Contracts;

namespace MusicEvents.Core.MusicApi;

/// <summary>musicapi.md's error table: which answer means which failure reason.</summary>
public static class MusicApiErrors
{
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable;

    public static TrackFailureReason Classify(HttpStatusCode status, string message) => status switch
    {
        HttpStatusCode.Unauthorized => TrackFailureReason.Unauthorized,
        // Moderation messages quote the flagged text, which may say anything: they are recognised first.
        HttpStatusCode.Forbidden when IsModeration(message) => TrackFailureReason.Rejected,
        HttpStatusCode.Forbidden when message.Contains("credit", StringComparison.OrdinalIgnoreCase)
            || message.Contains("subscription", StringComparison.OrdinalIgnoreCase) => TrackFailureReason.InsufficientCredits,
        HttpStatusCode.GatewayTimeout => TrackFailureReason.ProviderFailed,
        _ when IsTransient(status) => TrackFailureReason.ProviderFailed,
        _ => TrackFailureReason.Rejected,
    };

    private static bool IsModeration(string message) =>
        message.Contains("moderat", StringComparison.OrdinalIgnoreCase)
        || message.Contains("flagged", StringComparison.OrdinalIgnoreCase)
        || message.Contains("violat", StringComparison.OrdinalIgnoreCase);

    /// <summary>The error body is undocumented: take the first of message, error, type that is text.</summary>
    public static string ReadMessage(string body, HttpStatusCode status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["message", "error", "type"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value)
                        && value.ValueKind == JsonValueKind.String
                        && !string.IsNullOrWhiteSpace(value.GetString()))
                    {
                        return value.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw text below is all there is.
        }

        var text = body.Length > 500 ? body[..500] : body;
        return string.IsNullOrWhiteSpace(text) ? $"MusicAPI answered {(int)status}" : text;
    }
}
