using System.Diagnostics;
using MusicEvents.DevHost;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The DevHost as an operating-system process of its own, for tests that must kill it the way a
/// crash would: no shutdown, no ack, no cleanup. Always killed on dispose.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private readonly Process process;

    private DevHostProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<DevHostProcess> StartAsync(Uri url, IReadOnlyDictionary<string, string?> settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MusicEvents.DevHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", url.ToString() },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The DevHost process did not start.");
        var host = new DevHostProcess(process, url);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilListeningAsync();
        return host;
    }

    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Until the DevHost reports healthy: listening, and its bus connected with endpoints ready.</summary>
    private async Task WaitUntilListeningAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The DevHost process exited at start with code {process.ExitCode}.");
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

        Kill();
        throw new TimeoutException($"The DevHost process was not healthy on {Url} within 60 s.");
    }
}
