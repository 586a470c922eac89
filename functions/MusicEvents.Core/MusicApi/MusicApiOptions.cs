using System.ComponentModel.DataAnnotations;

namespace MusicEvents.Core.MusicApi;

/// <summary>
/// Section "MusicApi": MusicApi__BaseUrl, MusicApi__ApiKey, MusicApi__WebhookUrl,
/// MusicApi__WebhookMasterKeys__0 (and __1 during a rotation), MusicApi__CreateTimeout,
/// MusicApi__TransientRetries, MusicApi__MaxInFlight, MusicApi__DailyCreditBudget, MusicApi__OverBudget.
/// </summary>
public sealed class MusicApiOptions
{
    public const string SectionName = "MusicApi";

    [Required, Url]
    public string BaseUrl { get; set; } = "";

    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>The public URL of the webhook function; <c>?cid=</c> is appended per task.</summary>
    [Required, Url]
    public string WebhookUrl { get; set; } = "";

    /// <summary>Keys the per-task webhook secrets derive from; the first signs new tasks, all verify.</summary>
    [Required, MinLength(1)]
    public string[] WebhookMasterKeys { get; set; } = [];

    /// <summary>
    /// How long one sent create call may take before its outcome counts as unknown. The waits
    /// between calls (Retry-After, backoff, MaxInFlight) are not part of it.
    /// </summary>
    public TimeSpan CreateTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a create call answered "not charged" (429, 5xx, refused connection) is sent again.</summary>
    [Range(0, 20)]
    public int TransientRetries { get; set; } = 4;

    /// <summary>
    /// At most this many tasks submitted and not final at once, across every instance sharing the
    /// storage account and this MusicAPI key; commands beyond it wait on their queue.
    /// </summary>
    [Range(1, 1000)]
    public int MaxInFlight { get; set; } = 20;

    /// <summary>Credits the create calls of one UTC day may spend (12 a task); null: no budget.</summary>
    [Range(12, int.MaxValue)]
    public int? DailyCreditBudget { get; set; }

    /// <summary>What a command does past <see cref="DailyCreditBudget"/>: wait for the next UTC day, or fail as CreditBudgetExceeded.</summary>
    public OverBudgetAction OverBudget { get; set; } = OverBudgetAction.Wait;
}
