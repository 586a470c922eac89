using System.Diagnostics;
using OpenTelemetry;

namespace MusicEvents.Core.Telemetry;

/// <summary>
/// Gives every span the flow's keys of the span it was started in (HTTP calls, storage calls,
/// publishes), so each one carries the correlation id without every caller tagging it.
/// </summary>
public sealed class FlowTagsProcessor : BaseProcessor<Activity>
{
    public override void OnStart(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Parent is not { } parent)
        {
            return;
        }

        foreach (var tag in (string[])[FlowTrace.CorrelationIdTag, FlowTrace.TaskIdTag])
        {
            if (data.GetTagItem(tag) is null && parent.GetTagItem(tag) is { } value)
            {
                data.SetTag(tag, value);
            }
        }
    }
}
