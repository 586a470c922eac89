using System.ComponentModel.DataAnnotations;

namespace MusicEvents.Core.Reconciliation;

/// <summary>
/// Section "Reconciliation": Reconciliation__Schedule (NCRONTAB with seconds, read by the timer
/// trigger as %Reconciliation:Schedule%), Reconciliation__OverdueAfter, Reconciliation__GiveUpAfter.
/// </summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    [Required]
    public string Schedule { get; set; } = "0 */1 * * * *";

    /// <summary>A task Submitted this long without a webhook is polled.</summary>
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A task not final this long after submission fails as TimedOut.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(2);
}
