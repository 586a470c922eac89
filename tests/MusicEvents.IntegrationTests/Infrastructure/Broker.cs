using System.Diagnostics;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>Stops and starts the RabbitMQ node of this run (or runs any rabbitmqctl command), through the script `./dev test` provides.</summary>
public static class Broker
{
    public static Task StopAsync() => CtlAsync("stop_app");

    public static Task StartAsync() => CtlAsync("start_app");

    public static async Task CtlAsync(params string[] command)
    {
        var ctl = Environment.GetEnvironmentVariable("MUSICEVENTS_RABBITMQ_CTL") is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException("MUSICEVENTS_RABBITMQ_CTL is not set: run the integration tests through `./dev test`.");
        var start = new ProcessStartInfo(ctl) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', command)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
