namespace MusicEvents.Sandbox;

/// <summary>Section "Sandbox" (environment: <c>Sandbox__ApiKey</c>, <c>Sandbox__CompletionDelay</c>, …).</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>The bearer key every /api/v1 call must present.</summary>
    public string ApiKey { get; set; } = "sandbox-key";

    /// <summary>Time from create until the task finishes and its webhook is sent.</summary>
    public TimeSpan CompletionDelay { get; set; } = TimeSpan.FromSeconds(2);

    public int InitialCredits { get; set; } = 1000;

    /// <summary>Base of audio and image URLs; null means the scheme and host of the create call.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Samples per second of the generated mono 16-bit PCM WAV.</summary>
    public int SampleRate { get; set; } = 8000;

    /// <summary>Run-wide fault: every task fails (song.failed, credits refunded).</summary>
    public bool FailAllTasks { get; set; }

    /// <summary>Extra attempts for a failed webhook delivery; 0 because MusicAPI documents no retries.</summary>
    public int WebhookRetries { get; set; }

    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
