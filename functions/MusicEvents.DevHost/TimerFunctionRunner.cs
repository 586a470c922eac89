using MusicEvents.Core.Hosting;

namespace MusicEvents.DevHost;

/// <summary>
/// Runs each timer function on its schedule (NCRONTAB with seconds, or a TimeSpan, with
/// %setting% references resolved from configuration, as the Functions host does), once per
/// occurrence across every DevHost sharing the storage (<see cref="TimerRunLease"/>).
/// </summary>
public sealed partial class TimerFunctionRunner(
    FunctionCatalog catalog,
    TimerRunLease lease,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerFunctionRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Timers.Select(timer => RunAsync(timer, NextOccurrence(timer), stoppingToken)));

    private async Task RunAsync(TimerFunction timer, Func<DateTime, DateTime> next, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var occurrence = next(now);
            try
            {
                await Task.Delay(occurrence - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await lease.RunOnceAsync(timer.Name, occurrence, async () =>
                {
                    var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, timer.Class);
                    if (timer.Method.Invoke(instance, FunctionArguments.ForTimer(timer.Method, stoppingToken)) is Task task)
                    {
                        await task;
                    }
                }, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogTimerFailed(logger, exception, timer.Name);
            }
        }
    }

    private Func<DateTime, DateTime> NextOccurrence(TimerFunction timer)
    {
        var schedule = ResolveSettings(timer.Schedule);
        return TimerSchedule.TryParse(schedule)
            ?? throw new ConfigurationRefusedException($"{SettingName(timer.Schedule) ?? timer.Name}: \"{schedule}\" is neither NCRONTAB with seconds nor a positive TimeSpan.");
    }

    private string ResolveSettings(string schedule) =>
        SettingName(schedule) is { } setting
            ? configuration[setting] ?? throw new ConfigurationRefusedException($"{setting} is required: the schedule of a timer function.")
            : schedule;

    private static string? SettingName(string schedule) =>
        schedule.StartsWith('%') && schedule.EndsWith('%') && schedule.Length > 2 ? schedule[1..^1] : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again on its next occurrence")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string function);
}
