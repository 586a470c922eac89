using Microsoft.Extensions.Hosting;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>The host's lifetime as the harness plays it: stopping is signalled before the bus stops, as a host does.</summary>
internal sealed class StoppableLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    public CancellationToken ApplicationStarted => CancellationToken.None;
    public CancellationToken ApplicationStopping => stopping.Token;
    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication() => stopping.Cancel();

    public void Dispose() => stopping.Dispose();
}
