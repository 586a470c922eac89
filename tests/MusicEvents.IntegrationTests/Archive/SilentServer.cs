using System.Net;
using System.Net.Sockets;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// A TCP server on loopback that accepts connections and never says a word: an audio host that
/// takes the request and sends no headers. It notes how many connections it was given.
/// </summary>
internal sealed class SilentServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> accepted = [];
    private readonly CancellationTokenSource stopping = new();

    public SilentServer()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Connections
    {
        get { lock (accepted) { return accepted.Count; } }
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        lock (accepted)
        {
            accepted.ForEach(s => s.Dispose());
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stopping.Token);
                lock (accepted)
                {
                    accepted.Add(socket);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
