using System.Diagnostics;

namespace MusicEvents.Core.Telemetry;

/// <summary>
/// One trace per flow. MusicAPI cannot carry trace context, so the submission keeps the flow's
/// (on the task record, and in the webhook URL it gives MusicAPI), and the webhook's and the
/// poll's spans continue it as their parent, linking the request or timer run that started them.
/// Every span carries the correlation id and, once known, the MusicAPI task id.
/// </summary>
public static class FlowTrace
{
    public const string SourceName = "MusicEvents";
    public const string CorrelationIdTag = "musicevents.correlation_id";
    public const string TaskIdTag = "musicevents.task_id";

    /// <summary>The query parameter of the webhook URL that carries the flow's W3C traceparent.</summary>
    public const string WebhookParameter = "tp";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The current span's W3C traceparent, to keep with the task; null when nothing is traced.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts <paramref name="name"/> as a child of the flow's <paramref name="traceParent"/>, linked
    /// to the span it runs in; a child of that span when the flow's context is unknown or malformed.
    /// Null when nobody listens.
    /// </summary>
    public static Activity? Continue(string name, string? traceParent, Guid correlationId, string? taskId = null)
    {
        var here = Activity.Current;
        var activity = ActivityContext.TryParse(traceParent, null, out var flow)
            ? Source.StartActivity(name, ActivityKind.Internal, flow, links: here is null ? null : [new ActivityLink(here.Context)])
            : Source.StartActivity(name, ActivityKind.Internal);
        return Tag(activity, correlationId, taskId);
    }

    /// <summary>Tags a span with the flow's keys (the task id only when known).</summary>
    public static Activity? Tag(Activity? activity, Guid correlationId, string? taskId = null)
    {
        if (activity is null)
        {
            return null;
        }

        if (correlationId != Guid.Empty)
        {
            activity.SetTag(CorrelationIdTag, correlationId.ToString("D"));
        }

        if (!string.IsNullOrEmpty(taskId))
        {
            activity.SetTag(TaskIdTag, taskId);
        }

        return activity;
    }
}
