using System.ComponentModel.DataAnnotations;

namespace MusicEvents.Core.MusicApi;

/// <summary>
/// Section "MusicApi": MusicApi__BaseUrl, MusicApi__ApiKey, MusicApi__WebhookUrl,
/// MusicApi__WebhookMasterKeys__0 (and __1 during a rotation), MusicApi__CreateTimeout.
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

    /// <summary>How long one create call may take before its outcome counts as unknown.</summary>
    public TimeSpan CreateTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a transient answer (429, 5xx, refused connection) is tried again.</summary>
    [Range(0, 10)]
    public int TransientRetries { get; set; } = 4;
}
