using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using MusicEvents.Contracts;

namespace MusicEvents.Benchmarks;

/// <summary>
/// When each flow's TrackSubmitted and TrackCompleted reached the benchmark's bus, heard on an
/// endpoint of the single-flow scenario's own, so that its time from publish to TrackStored can be
/// split at the flow's two inner events: submission, then the sandbox and the webhook, then the archive.
/// </summary>
public sealed class FlowStages : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, long> submitted = new();
    private readonly ConcurrentDictionary<Guid, long> completed = new();
    private HostReceiveEndpointHandle? handle;

    public static async Task<FlowStages> ListenAsync(BenchBus bus)
    {
        var stages = new FlowStages();
        stages.handle = await bus.ConnectEndpointAsync(e =>
        {
            e.Handler<TrackSubmitted>(c => Stamp(stages.submitted, c.Message.CorrelationId));
            e.Handler<TrackCompleted>(c => Stamp(stages.completed, c.Message.CorrelationId));
        });
        return stages;
    }

    public long? SubmittedAt(Guid correlationId) => submitted.TryGetValue(correlationId, out var t) ? t : null;

    public long? CompletedAt(Guid correlationId) => completed.TryGetValue(correlationId, out var t) ? t : null;

    public async ValueTask DisposeAsync()
    {
        if (handle is not null)
        {
            await handle.StopAsync();
        }
    }

    private static Task Stamp(ConcurrentDictionary<Guid, long> at, Guid correlationId)
    {
        at.TryAdd(correlationId, Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }
}
