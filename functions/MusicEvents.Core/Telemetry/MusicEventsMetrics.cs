using System.Diagnostics.Metrics;
using MusicEvents.Contracts;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Core.Telemetry;

/// <summary>
/// The <c>MusicEvents</c> meter: what a team paying for MusicAPI watches. Lifecycle figures come
/// from the steps a saved change added to a task's history, so a step counts once however often
/// its events are published again.
/// </summary>
public sealed class MusicEventsMetrics
{
    public const string MeterName = "MusicEvents";

    /// <summary>What an extend or a replace-section costs (musicapi.md); MusicAPI refunds it when its task fails.</summary>
    public const int CreditsPerTask = 12;

    private readonly Counter<long> tasks;
    private readonly Counter<long> creditsCharged;
    private readonly Counter<long> creditsRefunded;
    private readonly Counter<long> webhookDeliveries;
    private readonly Counter<long> polls;
    private readonly Counter<long> timeouts;
    private readonly Counter<long> waits;
    private readonly Histogram<double> musicApiDuration;
    private readonly Counter<long> archiveBytes;
    private readonly Histogram<double> archiveDuration;
    private readonly Histogram<double> flowDuration;

    public MusicEventsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        tasks = meter.CreateCounter<long>("musicevents.tasks", "{task}", "Tasks reaching a step: submitted, completed, stored, failed (with its reason).");
        creditsCharged = meter.CreateCounter<long>("musicevents.credits.charged", "{credit}", "MusicAPI credits charged: 12 a task MusicAPI took.");
        creditsRefunded = meter.CreateCounter<long>("musicevents.credits.refunded", "{credit}", "MusicAPI credits refunded, as MusicAPI reported.");
        webhookDeliveries = meter.CreateCounter<long>("musicevents.webhook.deliveries", "{delivery}", "Webhook deliveries by verdict.");
        polls = meter.CreateCounter<long>("musicevents.reconciliation.polls", "{poll}", "Tasks polled by the reconciler, by what the poll found.");
        timeouts = meter.CreateCounter<long>("musicevents.reconciliation.timeouts", "{task}", "Tasks the reconciler gave up on.");
        waits = meter.CreateCounter<long>(
            "musicevents.submission.waits", "{wait}", "Create calls held back, by reason: max_in_flight, retry_after, not_charged, daily_credit_budget.");
        musicApiDuration = meter.CreateHistogram<double>("musicevents.musicapi.duration", "s", "MusicAPI calls (each attempt), by operation and status code.");
        archiveBytes = meter.CreateCounter<long>("musicevents.archive.bytes", "By", "Audio bytes stored.");
        archiveDuration = meter.CreateHistogram<double>("musicevents.archive.duration", "s", "Time to download and store one clip.");
        flowDuration = meter.CreateHistogram<double>("musicevents.flow.duration", "s", "Time from a task's command to its last clip stored.");
    }

    /// <summary>The steps a saved change added to <paramref name="task"/> since <paramref name="before"/>.</summary>
    public void Saved(TrackTask? before, TrackTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var charged = before?.History.Any(h => h.State == TrackTaskState.Submitted) == true;
        foreach (var step in task.History.Skip(before?.History.Count ?? 0))
        {
            switch (step.State)
            {
                case TrackTaskState.Submitted:
                    tasks.Add(1, Outcome("submitted"));
                    Charge(ref charged);
                    break;
                case TrackTaskState.Completed:
                    tasks.Add(1, Outcome("completed"));

                    // Reported without our having seen the create call's answer (it overtook it, or we gave up): it was charged too.
                    Charge(ref charged);
                    break;
                case TrackTaskState.Stored:
                    tasks.Add(1, Outcome("stored"));
                    flowDuration.Record((step.At - task.CreatedAt).TotalSeconds);
                    break;
                case TrackTaskState.Failed when step.Failure is { } failure:
                    tasks.Add(1, Outcome("failed"), new KeyValuePair<string, object?>("reason", failure.Reason.ToString()));
                    if (failure.CreditsRefunded == true)
                    {
                        // A refund proves the charge (MusicAPI's own timeout on create refunds what it charged).
                        Charge(ref charged);
                        creditsRefunded.Add(CreditsPerTask);
                    }

                    break;
            }
        }

        void Charge(ref bool already)
        {
            if (!already && task.Operation != TrackOperation.Unknown)
            {
                creditsCharged.Add(CreditsPerTask);
            }

            already = true;
        }
    }

    public void WebhookDelivery(string verdict) => webhookDeliveries.Add(1, new KeyValuePair<string, object?>("verdict", verdict));

    public void Polled(string result) => polls.Add(1, new KeyValuePair<string, object?>("result", result));

    public void GaveUp() => timeouts.Add(1);

    /// <summary>A task started waiting before its create call (each new reason counts once).</summary>
    public void Waited(TrackWaitReason reason) => waits.Add(1, new KeyValuePair<string, object?>("reason", reason switch
    {
        TrackWaitReason.MaxInFlight => "max_in_flight",
        TrackWaitReason.RetryAfter => "retry_after",
        TrackWaitReason.NotCharged => "not_charged",
        _ => "daily_credit_budget",
    }));

    public void MusicApiCall(string operation, int? statusCode, TimeSpan duration) => musicApiDuration.Record(
        duration.TotalSeconds,
        new KeyValuePair<string, object?>("operation", operation),
        new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    public void Archived(long bytes, TimeSpan duration)
    {
        archiveBytes.Add(bytes);
        archiveDuration.Record(duration.TotalSeconds);
    }

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
