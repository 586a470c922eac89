using Microsoft.AspNetCore.Mvc;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Submission;
using MusicEvents.Core.Tracking;
using MusicEvents.Core.Webhooks;
using MusicEvents.Functions.Hosting;
using MusicEvents.Functions.Tracks;
using MusicEvents.Functions.Webhooks;

namespace MusicEvents.DevHost.OpenApi;

/// <summary>
/// The part of the HTTP API's description the functions' attributes cannot carry, by function
/// name. A function missing here stops the document (and its test), so none goes undescribed.
/// </summary>
public static class RouteDocs
{
    private static readonly RouteResponse Invalid = new(400, "Invalid request (`errors` lists every problem by field) or not JSON.", typeof(HttpValidationProblemDetails), true);
    private static readonly RouteResponse NoKey = new(401, "Missing or wrong function key (`x-functions-key` or `?code=`).");
    private static readonly RouteResponse BrokerDown = new(503, "The message broker is unreachable: nothing was done; send the same request again.", typeof(ProblemDetails), true);

    public static IReadOnlyDictionary<string, RouteDoc> All { get; } = new Dictionary<string, RouteDoc>
    {
        [nameof(ExtendTrack)] = Request(typeof(ExtendTrackBody), "Extend a track from `startsAt` seconds on (12 MusicAPI credits, refunded if it fails)."),
        [nameof(ReplaceSection)] = Request(typeof(ReplaceSectionBody), "Replace the section between `startsAt` and `endsAt` seconds (12 MusicAPI credits, refunded if it fails)."),
        [nameof(GetTrackStatus)] = new(
            "Where a task is, what it produced and how it got there.",
            null,
            [],
            [
                new(200, "The task's state, clips (with their blob URIs once stored), failure and timestamped history.", typeof(TrackStatus)),
                new(400, "The correlationId is not a GUID.", typeof(ProblemDetails), true),
                NoKey,
                new(404, "No such task. Right after a 202 this means the command is on the bus and not taken yet: ask again shortly.", typeof(ProblemDetails), true),
            ]),
        [nameof(MusicApiWebhook)] = new(
            "MusicAPI's signed callback (musicapi.md, \"Webhooks\"): anonymous, proven by its signature.",
            new(null, "MusicAPI's delivery, verified byte for byte: at most 1 MiB.", []),
            [new("cid", "string", "The task's correlationId, appended to the webhook URL by MusicEvents.", true)],
            [
                new(200, "Verified and durably on the broker (or not final: running or streaming, which changes nothing and is not kept). A duplicate is recognised by the task and changes nothing."),
                new(400, "Well signed but not application/json, or not JSON.", typeof(ProblemDetails), true),
                new(401, "Missing, wrong or stale signature."),
                new(413, "Larger than 1 MiB."),
                new(503, "The message broker is unreachable: send the delivery again."),
            ]),
        [nameof(ReplayWebhook)] = new(
            "For operators: process a kept delivery again (it can only re-publish what that delivery decided).",
            null,
            [new("cid", "string", "The delivery's task (the listing shows it): the delivery is then read by key instead of looked for across every task.")],
            [
                new(200, "Replayed.", typeof(ReplayedBody)),
                new(400, "'cid' is not a GUID.", typeof(ProblemDetails), true),
                NoKey,
                new(404, "No delivery is kept under that id.", typeof(ProblemDetails), true),
                new(422, "The kept body is not JSON.", typeof(ProblemDetails), true),
                BrokerDown,
            ]),
        [nameof(Health)] = new(
            "Anonymous probe for Azure's health check and load balancers: the bus and storage, each named.",
            null,
            [],
            [
                new(200, "Every check is healthy: the bus is connected and its endpoints ready, storage answers.", typeof(ServiceHealthReport)),
                new(503, "A check is not healthy; the body names each check and its status.", typeof(ServiceHealthReport)),
            ]),
        [nameof(ListWebhookDeliveries)] = new(
            "For operators: the kept MusicAPI deliveries, newest first, to pick one to replay.",
            null,
            [
                new("hours", "integer", $"How far back, in hours: 1 to {WebhookDeliveriesHttpHandler.MaxHours} ({WebhookDeliveriesHttpHandler.DefaultHours} when absent)."),
                new("limit", "integer", $"At most this many: 1 to {WebhookDeliveriesHttpHandler.MaxLimit} ({WebhookDeliveriesHttpHandler.DefaultLimit} when absent)."),
            ],
            [new(200, "The deliveries (no body, no signature).", typeof(KeptDelivery[])), Invalid, NoKey]),
    };

    private static RouteDoc Request(Type body, string summary) => new(
        summary,
        new(body, "camelCase JSON of the command; `correlationId` is generated when absent. At most 64 KiB.", RequiredFields(body)),
        [],
        [
            new(202, "Accepted: the command is on the bus (or was already, for the same request). `Location` is the status route.", typeof(AcceptedBody)),
            Invalid,
            NoKey,
            new(409, "This correlationId is already used by a different request.", typeof(ProblemDetails), true),
            new(413, "Larger than 64 KiB.", typeof(ProblemDetails), true),
            BrokerDown,
        ]);

    /// <summary>The fields an empty body is refused for, as the handler itself reports them.</summary>
    private static string[] RequiredFields(Type body)
    {
        var empty = (ITrackRequestBody<object>)Activator.CreateInstance(body, new object?[body.GetConstructors()[0].GetParameters().Length])!;
        return [.. empty.MissingFields().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)];
    }
}
