using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace MusicEvents.Sandbox;

/// <summary>
/// Starts each task's clock on the injected <see cref="TimeProvider"/>: Running at half the
/// completion delay, due at the full delay. Due tasks go to a channel that
/// <see cref="TaskCompletionWorker"/> drains, so a timer callback never does I/O itself.
/// </summary>
internal sealed class CompletionScheduler(TimeProvider time, IOptions<SandboxOptions> options) : IDisposable
{
    private readonly Channel<SandboxTask> due = Channel.CreateUnbounded<SandboxTask>();

    // Timers are rooted here until they fire: an unreferenced timer may be collected before it does.
    private readonly ConcurrentDictionary<object, ITimer> timers = new();

    public ChannelReader<SandboxTask> Due => due.Reader;

    public void Schedule(SandboxTask task)
    {
        var delay = options.Value.CompletionDelay;
        Start(delay / 2, task.MarkRunning);
        if (!task.Faults.Never)
        {
            Start(delay, () => due.Writer.TryWrite(task));
        }
    }

    public void Dispose()
    {
        due.Writer.TryComplete();
        foreach (var key in timers.Keys)
        {
            if (timers.TryRemove(key, out var timer))
            {
                timer.Dispose();
            }
        }
    }

    private void Start(TimeSpan dueTime, Action action)
    {
        var key = new object();

        // Created disarmed and armed only once rooted, so a zero delay cannot fire before it is tracked.
        var timer = time.CreateTimer(
            state =>
            {
                if (timers.TryRemove(state!, out var fired))
                {
                    fired.Dispose();
                    action();
                }
            },
            key,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        timers[key] = timer;
        timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }
}
