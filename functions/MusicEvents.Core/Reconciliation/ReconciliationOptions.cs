using System.ComponentModel.DataAnnotations;

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// Section "Reconciliation": Reconciliation__Schedule (NCRONTAB with seconds, read by the timer
/// trigger as %Reconciliation:Schedule%), Reconciliation__OverdueAfter, Reconciliation__GiveUpAfter.
/// </summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>No default: the Functions host reads it straight from configuration, so both hosts need it set.</summary>
    [Required(ErrorMessage = "Reconciliation:Schedule is required (NCRONTAB with seconds, e.g. \"0 */1 * * * *\").")]
    public string Schedule { get; set; } = "";

    /// <summary>A task Submitted this long without a webhook is polled.</summary>
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A task not final this long after submission fails as TimedOut.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(2);
}
