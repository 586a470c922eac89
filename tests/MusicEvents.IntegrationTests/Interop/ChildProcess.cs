using System.Collections.Concurrent;
using System.Diagnostics;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Interop;

/// <summary>
/// A program run as a person or another team would run it, as its own process, its output kept
/// line by line: the Python examples (examples/python, shown in docs/interop.md) with Debian's
/// python3 and pika as `./dev test` installs them (MUSICEVENTS_PYTHON), and the musicevents tool.
/// Killed on dispose.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> errors = new();

    private ChildProcess(Process process) => this.process = process;

    public IReadOnlyList<string> Lines => [.. output];

    public IReadOnlyList<string> ErrorLines => [.. errors];

    /// <summary>examples/python/<paramref name="name"/> with Debian's python3.</summary>
    public static ChildProcess Python(string name, params string[] arguments)
    {
        var python = Environment.GetEnvironmentVariable("MUSICEVENTS_PYTHON") is { Length: > 0 } path ? path : "/usr/bin/python3";
        return Start(python, [RepositoryRoot.Combine("examples", "python", name), .. arguments]);
    }

    /// <summary>The musicevents tool as built beside these tests (same configuration).</summary>
    public static ChildProcess Cli(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Start(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [CliDll, .. arguments], environment, workingDirectory);

    public static string CliDll { get; } = RepositoryRoot.Combine(
        "tools", "MusicEvents.Cli", "bin", new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0", "musicevents.dll");

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { child.output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { child.errors.Enqueue(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a line of standard output equal to <paramref name="line"/>.</summary>
    public Task WaitForLineAsync(string line, TimeSpan timeout) => WaitForAsync(() => output.Contains(line), line, timeout);

    /// <summary>Waits for a line of standard output that satisfies <paramref name="match"/>.</summary>
    public Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout) => WaitForAsync(() => output.Any(match), "the awaited line", timeout);

    /// <summary>Waits for a line of standard error that contains <paramref name="text"/>.</summary>
    public Task WaitForErrorAsync(string text, TimeSpan timeout) =>
        WaitForAsync(() => errors.Any(l => l.Contains(text, StringComparison.Ordinal)), text, timeout);

    private async Task WaitForAsync(Func<bool> seen, string line, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!seen())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Name} did not print '{line}': {Describe()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} still runs after {timeout}: {Describe()}");
        }

        // The asynchronous readers may still hold the last lines.
        process.WaitForExit();
        return process.ExitCode;
    }

    private string Name => string.Join(' ', process.StartInfo.ArgumentList.Take(3));

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
