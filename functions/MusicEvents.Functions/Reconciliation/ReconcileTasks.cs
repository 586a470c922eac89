using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Reconciliation;

namespace MusicEvents.Functions.Reconciliation;

public sealed class ReconcileTasks(TaskReconciler reconciler)
{
    [Function(nameof(ReconcileTasks))]
    public Task Run([TimerTrigger("%Reconciliation:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(cancellationToken);
}
