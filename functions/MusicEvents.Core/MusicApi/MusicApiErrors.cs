using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MusicEvents.Contracts;

namespace MusicEvents.Core.MusicApi;

/// <summary>musicapi.md's error table: which answer means which failure reason.</summary>
public static partial class MusicApiErrors
{
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable;

    public static TrackFailureReason Classify(HttpStatusCode status, string message) => status switch
    {
        HttpStatusCode.Unauthorized => TrackFailureReason.Unauthorized,
        HttpStatusCode.Forbidden when LacksCreditsOrSubscription(message) => TrackFailureReason.InsufficientCredits,
        HttpStatusCode.GatewayTimeout => TrackFailureReason.ProviderFailed,
        _ when IsTransient(status) => TrackFailureReason.ProviderFailed,
        _ => TrackFailureReason.Rejected,
    };

    /// <summary>
    /// A 403 is about the account only when MusicAPI's own words say so. Moderation messages quote
    /// the flagged lyrics or description, which may say anything ("no credits, no subscription"):
    /// quoted text is left out, and so is every message that names moderation.
    /// </summary>
    public static bool LacksCreditsOrSubscription(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var own = QuotedText().Replace(message, " ");
        return !IsModeration(own)
            && (own.Contains("credit", StringComparison.OrdinalIgnoreCase) || own.Contains("subscri", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsModeration(string message) =>
        message.Contains("moderat", StringComparison.OrdinalIgnoreCase)
        || message.Contains("flagged", StringComparison.OrdinalIgnoreCase)
        || message.Contains("violat", StringComparison.OrdinalIgnoreCase);

    // "…", “…”, «…», '…' (an apostrophe inside a word, as in "don't", does not open a quote); an unclosed quote runs to the end.
    [GeneratedRegex("""\"[^\"]*(\"|$)|“[^”]*(”|$)|«[^»]*(»|$)|(?<!\w)'[^']*('(?!\w)|$)""")]
    private static partial Regex QuotedText();

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
