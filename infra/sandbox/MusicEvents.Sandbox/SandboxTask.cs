namespace MusicEvents.Sandbox;

/// <summary>
/// One accepted create call. Moves once from Pending to Running and once to a final state; the
/// transitions are guarded so that a late timer or a second finisher changes nothing.
/// </summary>
public sealed class SandboxTask
{
    private readonly Lock gate = new();
    private SandboxTaskStatus status = SandboxTaskStatus.Pending;
    private IReadOnlyList<SandboxClip> clips = [];
    private string? failureMessage;
    private DateTimeOffset? finishedAt;

    internal SandboxTask(
        string id,
        TaskRequest request,
        string? webhookSecret,
        string? correlationId,
        string audioBaseUrl,
        long audioSampleCount,
        int sampleRate,
        DateTimeOffset createdAt)
    {
        Id = id;
        Request = request;
        WebhookSecret = webhookSecret;
        CorrelationId = correlationId;
        AudioBaseUrl = audioBaseUrl;
        AudioSampleCount = audioSampleCount;
        DurationSeconds = (double)audioSampleCount / sampleRate;
        CreatedAt = createdAt;
        Faults = FaultSet.Parse(request.ClipId);
    }

    public string Id { get; }
    public TaskRequest Request { get; }
    public FaultSet Faults { get; }

    /// <summary>The <c>cid</c> query parameter of the webhook_url, when there is one.</summary>
    public string? CorrelationId { get; }
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Scheme, host and path base that audio_url and image_url start with.</summary>
    public string AudioBaseUrl { get; }
    public long AudioSampleCount { get; }
    public double DurationSeconds { get; }

    // Not public: tests know the secret they sent, and nothing here may print it.
    internal string? WebhookSecret { get; }

    public SandboxTaskStatus Status
    {
        get { lock (gate) { return status; } }
    }

    public string StatusText => Status.ToString().ToUpperInvariant();

    /// <summary>The output clips once the task succeeded (one, or more with <c>clips2</c>); empty before.</summary>
    public IReadOnlyList<SandboxClip> Clips
    {
        get { lock (gate) { return clips; } }
    }

    public string? FailureMessage
    {
        get { lock (gate) { return failureMessage; } }
    }

    public DateTimeOffset? FinishedAt
    {
        get { lock (gate) { return finishedAt; } }
    }

    internal void MarkRunning()
    {
        lock (gate)
        {
            if (status == SandboxTaskStatus.Pending)
            {
                status = SandboxTaskStatus.Running;
            }
        }
    }

    internal bool TryComplete(IReadOnlyList<SandboxClip> output, DateTimeOffset at) =>
        TryFinish(SandboxTaskStatus.Success, output, null, at);

    internal bool TryFail(string message, DateTimeOffset at) =>
        TryFinish(SandboxTaskStatus.Failed, [], message, at);

    private bool TryFinish(SandboxTaskStatus final, IReadOnlyList<SandboxClip> output, string? message, DateTimeOffset at)
    {
        lock (gate)
        {
            if (status is SandboxTaskStatus.Success or SandboxTaskStatus.Failed)
            {
                return false;
            }

            (status, clips, failureMessage, finishedAt) = (final, output, message, at);
            return true;
        }
    }
}
