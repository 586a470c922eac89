namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The DevHost's clock: the real time, until a test freezes it at an instant to probe a boundary
/// to the second. Timers keep running on real time either way.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? frozenAt;

    public override DateTimeOffset GetUtcNow() => frozenAt ?? base.GetUtcNow();

    public IDisposable FreezeAt(DateTimeOffset instant)
    {
        frozenAt = instant;
        return new Thaw(this);
    }

    private sealed class Thaw(TestClock clock) : IDisposable
    {
        public void Dispose() => clock.frozenAt = null;
    }
}
