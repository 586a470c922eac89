using System.Diagnostics;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// A host of this solution started as an operating-system process (<c>dotnet X.dll</c> from the
/// test's output folder) that is expected to end by itself, as one refusing its configuration
/// does: its exit code and every line it wrote. Killed if it is still running after the timeout.
/// </summary>
public sealed record ExitedProcess(int ExitCode, IReadOnlyList<string> StandardOutput, IReadOnlyList<string> StandardError)
{
    public string Everything => string.Join(Environment.NewLine, [.. StandardOutput, .. StandardError]);

    public static async Task<ExitedProcess> RunAsync(string dll, string environmentName, IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, dll) },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        start.Environment["DOTNET_ENVIRONMENT"] = environmentName;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{dll} was still running after 60 s: {await output} {await error}");
        }

        return new ExitedProcess(process.ExitCode, Lines(await output), Lines(await error));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
