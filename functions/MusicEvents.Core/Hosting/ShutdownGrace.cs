namespace MusicEvents.Core.Hosting;

/// <summary>
/// How a stopping host (a scale-in, a restart, a deployment) treats work in progress. Consumers get
/// <see cref="Consumers"/> to finish: enough for a clip of several hundred MB at the archive's
/// measured 34 MB/s (docs/benchmarks.md). Past it their cancellation token fires: a download is
/// abandoned with no block list committed, so no blob appears, and the unacknowledged message
/// goes back to its queue for the next instance, which starts the clip again from its first byte.
/// The bus then has until <see cref="Bus"/> to close its connection, inside the host's own
/// <see cref="Host"/> (HostOptions.ShutdownTimeout), so nothing is cut short by the host itself.
/// </summary>
public static class ShutdownGrace
{
    public static readonly TimeSpan Consumers = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan Bus = TimeSpan.FromSeconds(25);

    public static readonly TimeSpan Host = TimeSpan.FromSeconds(30);
}
