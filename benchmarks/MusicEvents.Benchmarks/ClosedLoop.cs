using System.Collections.Concurrent;
using System.Diagnostics;

namespace MusicEvents.Benchmarks;

/// <summary>
/// Drives an operation from N workers for a fixed time (or until a number of operations have begun),
/// each starting its next operation as soon as its previous one ends, as N clients waiting for their
/// answers would (a closed loop: the rate is what the target sustains at that concurrency, never more
/// than it can take).
/// </summary>
public static class ClosedLoop
{
    /// <param name="operation">Returns null on success, or a short name of what went wrong.</param>
    /// <param name="maxOperations">No operation begins after this many have: a fast target leaves no more work behind than its consumers can take in a bounded time.</param>
    public static async Task<LoadRun> RunAsync(int workers, TimeSpan duration, Func<Task<string?>> operation, int maxOperations = int.MaxValue)
    {
        var begun = 0;
        var latencies = new List<double>[workers];
        var errors = new ConcurrentDictionary<string, int>();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < end && Interlocked.Increment(ref begun) <= maxOperations)
            {
                var t0 = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    error = await operation();
                }
                catch (Exception exception)
                {
                    error = exception.GetType().Name;
                }

                if (error is null)
                {
                    mine.Add(Stats.MillisecondsBetween(t0, Stopwatch.GetTimestamp()));
                }
                else
                {
                    errors.AddOrUpdate(error, 1, (_, n) => n + 1);
                }
            }
        })));

        // Up to the last answer, so an operation begun just before the end is counted with its time.
        var elapsed = Stopwatch.GetElapsedTime(start);
        return LoadRun.From([.. latencies.SelectMany(l => l)], elapsed, errors);
    }
}
