using System.Collections.Concurrent;
using System.Diagnostics;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Interop;

/// <summary>
/// One of the Python examples (examples/python, shown in docs/interop.md) run as its own process
/// with Debian's python3 and pika, as `./dev test` installs them (MUSICEVENTS_PYTHON). Killed on dispose.
/// </summary>
public sealed class PythonScript : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> errors = new();

    private PythonScript(Process process) => this.process = process;

    public IReadOnlyList<string> Lines => [.. output];

    public static PythonScript Start(string name, params string[] arguments)
    {
        var python = Environment.GetEnvironmentVariable("MUSICEVENTS_PYTHON") is { Length: > 0 } path ? path : "/usr/bin/python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryRoot.Combine("examples", "python", name));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var script = new PythonScript(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { script.output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { script.errors.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return script;
    }

    /// <summary>Waits for a line of standard output equal to <paramref name="line"/>.</summary>
    public async Task WaitForLineAsync(string line, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!output.Contains(line))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{process.StartInfo.ArgumentList[0]} did not print '{line}': {Describe()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the script to end and returns its exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{process.StartInfo.ArgumentList[0]} still runs after {timeout}: {Describe()}");
        }

        // The asynchronous readers may still hold the last lines.
        process.WaitForExit();
        return process.ExitCode;
    }

    public string Describe() =>
        $"stdout: [{string.Join(" | ", output)}] stderr: [{string.Join(" | ", errors.TakeLast(20))}]";

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
