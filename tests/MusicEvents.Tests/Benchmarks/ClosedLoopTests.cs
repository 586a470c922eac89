using MusicEvents.Benchmarks;

namespace MusicEvents.Tests.Benchmarks;

/// <summary>The benchmark's load loop: a count ends a run as surely as its time (no timing asserted).</summary>
public sealed class ClosedLoopTests
{
    [Fact]
    public async Task No_operation_begins_once_the_count_is_reached_however_long_the_time_left()
    {
        var begun = 0;

        var run = await ClosedLoop.RunAsync(8, TimeSpan.FromMinutes(5), async () =>
        {
            Interlocked.Increment(ref begun);
            await Task.Yield();
            return null;
        }, maxOperations: 100);

        Assert.Equal(100, begun);
        Assert.Equal(100, run.Succeeded);
    }

    [Fact]
    public async Task Failures_count_as_begun_and_are_named_not_timed()
    {
        var run = await ClosedLoop.RunAsync(2, TimeSpan.FromMinutes(5), () => Task.FromResult<string?>("HTTP 503"), maxOperations: 10);

        Assert.Equal(0, run.Succeeded);
        Assert.Equal(10, run.Errors["HTTP 503"]);
    }
}
