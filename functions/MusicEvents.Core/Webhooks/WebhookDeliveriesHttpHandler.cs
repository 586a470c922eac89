using System.Globalization;
using Microsoft.AspNetCore.Http;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Webhooks;

/// <summary>
/// <c>GET /api/webhooks/musicapi/deliveries?hours=24&amp;limit=50</c>, for operators: the kept
/// deliveries, newest first, so that the one to replay is found without reading logs.
/// </summary>
public sealed class WebhookDeliveriesHttpHandler(IKeptDeliveries kept, TimeProvider time)
{
    public const int DefaultHours = 24;
    public const int MaxHours = 24 * 30;
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var hours = Bounded(request.Query["hours"], DefaultHours, MaxHours, "hours", errors);
        var limit = Bounded(request.Query["limit"], DefaultLimit, MaxLimit, "limit", errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The query is invalid.");
        }

        var deliveries = await kept.ListRecentAsync(time.GetUtcNow().AddHours(-hours), limit, cancellationToken);
        return Results.Ok(deliveries);
    }

    private static int Bounded(string? text, int fallback, int max, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }

        errors[name] = [$"'{name}' must be a whole number from 1 to {max}."];
        return fallback;
    }
}
