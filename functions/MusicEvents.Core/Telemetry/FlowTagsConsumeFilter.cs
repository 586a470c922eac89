using System.Diagnostics;
using System.Reflection;
using MassTransit;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Telemetry;

/// <summary>
/// Tags MassTransit's consume span with the message's CorrelationId (and TaskId when it has one),
/// for every consumer at once; the spans the consumer starts inherit them (<see cref="FlowTagsProcessor"/>).
/// </summary>
public sealed class FlowTagsConsumeFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    private static readonly PropertyInfo? CorrelationId = typeof(T).GetProperty("CorrelationId", typeof(Guid));
    private static readonly PropertyInfo? TaskId = typeof(T).GetProperty("TaskId", typeof(string));

    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (Activity.Current is { } activity && CorrelationId?.GetValue(context.Message) is Guid correlationId)
        {
            var taskId = TaskId?.GetValue(context.Message) as string ?? (context.Message as TaskReported)?.Report.TaskId;
            FlowTrace.Tag(activity, correlationId, taskId);
        }

        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("flowTags");
}
