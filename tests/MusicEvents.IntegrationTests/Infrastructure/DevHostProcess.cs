using System.Collections.Concurrent;
using System.Diagnostics;
using MusicEvents.DevHost;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The DevHost as an operating-system process of its own (<c>dotnet MusicEvents.DevHost.dll</c>
/// from the test's output folder), for tests that must kill it the way a crash would: no shutdown,
/// no ack, no cleanup. Always killed on dispose.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private DevHostProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    public Uri Url { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Every line it wrote so far, standard output and error alike.</summary>
    public IReadOnlyList<string> Lines => [.. output];

    /// <summary>The last lines it wrote, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, output.TakeLast(40));

    /// <summary>
    /// Starts it with <paramref name="settings"/> (configuration keys with ':'; a null value unsets the
    /// variable), on a reconciliation schedule of once a day unless <paramref name="keepSchedule"/> (a
    /// host on the shared storage must not settle the shared DevHost's tasks on its own bus; one on a
    /// storage of its own may).
    /// Returns once it reports healthy: listening, its bus connected and its endpoints ready.
    /// </summary>
    public static async Task<DevHostProcess> StartAsync(Uri url, IReadOnlyDictionary<string, string?> settings, bool keepSchedule = false)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "MusicEvents.DevHost.dll"), "--urls", url.ToString() },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            // A null value removes what this process's own environment would pass on.
            var name = key.Replace(":", "__", StringComparison.Ordinal);
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        if (!keepSchedule)
        {
            start.Environment["Reconciliation__Schedule"] = "1.00:00:00";
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        var process = new Process { StartInfo = start };
        var host = new DevHostProcess(process, url);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>As a crash would: no shutdown, no goodbye to the broker.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The DevHost process exited at start with code {process.ExitCode}: {Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Url, DevHostApp.HealthPath))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await KillAsync();
        throw new TimeoutException($"The DevHost process was not healthy on {Url} within 60 s: {Output}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
