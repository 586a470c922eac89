namespace MusicEvents.Benchmarks;

/// <summary>The load generator's HTTP client: keep-alive connections, one per concurrent worker, no proxy.</summary>
public static class LoadClient
{
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = 1024,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
