using System.Collections.Concurrent;

namespace MusicEvents.Sandbox;

/// <summary>Finishes due tasks concurrently, so one slow webhook receiver does not hold up the others.</summary>
internal sealed class TaskCompletionWorker(
    CompletionScheduler scheduler,
    TaskFinisher finisher,
    ILogger<TaskCompletionWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Task, byte> inFlight = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var task in scheduler.Due.ReadAllAsync(stoppingToken))
            {
                var finishing = FinishAsync(task, stoppingToken);
                inFlight.TryAdd(finishing, 0);
                _ = finishing.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }

        await Task.WhenAll(inFlight.Keys);
    }

    private async Task FinishAsync(SandboxTask task, CancellationToken stoppingToken)
    {
        try
        {
            await finisher.FinishAsync(task, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Shutdown interrupted the webhooks of task {TaskId}", task.Id);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Finishing task {TaskId} failed", task.Id);
        }
    }
}
