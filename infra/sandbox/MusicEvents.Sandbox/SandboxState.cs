using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MusicEvents.Sandbox;

/// <summary>
/// Everything the sandbox remembers: credits, tasks, create calls and webhook deliveries. A public
/// singleton so that in-process tests can read it directly; the admin endpoints show the same lists.
/// </summary>
public sealed class SandboxState
{
    /// <summary>What extend_music and replace_music cost (musicapi.md).</summary>
    public const int TaskCost = 12;

    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, SandboxTask> tasks = new(StringComparer.Ordinal);
    private readonly List<CreateCall> calls = [];
    private readonly List<DeliveryAttempt> deliveries = [];
    private readonly HashSet<string> transientFaultsServed = new(StringComparer.Ordinal);
    private readonly HashSet<string> audioCutsServed = new(StringComparer.Ordinal);
    private readonly HashSet<string> audioStallsServed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> audioDownloads = new(StringComparer.Ordinal);
    private int credits;
    private int openTasks;
    private int peakOpenTasks;

    public SandboxState(IOptions<SandboxOptions> options)
    {
        credits = options.Value.InitialCredits;
        SampleRate = options.Value.SampleRate;
    }

    public int SampleRate { get; }

    public int Credits
    {
        get { lock (gate) { return credits; } }
    }

    public IReadOnlyList<CreateCall> Calls
    {
        get { lock (gate) { return [.. calls]; } }
    }

    public IReadOnlyList<DeliveryAttempt> Deliveries
    {
        get { lock (gate) { return [.. deliveries]; } }
    }

    /// <summary>Tasks created and not finished yet, and the most there were at once.</summary>
    public (int Open, int Peak) OpenTasks
    {
        get { lock (gate) { return (openTasks, peakOpenTasks); } }
    }

    public IReadOnlyList<SandboxTask> Tasks => [.. tasks.Values.OrderBy(t => t.CreatedAt)];

    public SandboxTask? FindTask(string taskId) => tasks.GetValueOrDefault(taskId);

    /// <summary>The audio file served for a task's clip, or null when there is no such clip (yet).</summary>
    public ToneWav? FindAudio(string taskId, string clipId)
    {
        var task = FindTask(taskId);
        var index = task is null ? -1 : task.Clips.ToList().FindIndex(c => c.ClipId == clipId);
        return index >= 0
            ? new ToneWav(SampleRate, task!.AudioSampleCount, ToneWav.FrequencyFor(task.Id, index))
            : null;
    }

    /// <summary>How many times GET /sandbox/audio/{taskId}/{clipId}.wav was asked for (whole, cut or refused midway).</summary>
    public int AudioDownloads(string taskId, string clipId)
    {
        lock (gate)
        {
            return audioDownloads.GetValueOrDefault($"{taskId}/{clipId}");
        }
    }

    /// <summary>Lowercase hex SHA-256 of the full bytes GET /sandbox/audio/{taskId}/{clipId}.wav serves.</summary>
    public string AudioSha256(string taskId, string clipId) =>
        (FindAudio(taskId, clipId) ?? throw new KeyNotFoundException($"No clip {clipId} on task {taskId}.")).Sha256Hex();

    internal bool TryCharge(int amount)
    {
        lock (gate)
        {
            if (credits < amount)
            {
                return false;
            }

            credits -= amount;
            return true;
        }
    }

    internal void Refund(int amount)
    {
        lock (gate)
        {
            credits += amount;
        }
    }

    /// <summary>True the first time a clip_id asks for a transient fault, so that a retry then succeeds.</summary>
    internal bool TakeTransientFault(string clipId)
    {
        lock (gate)
        {
            return transientFaultsServed.Add(clipId);
        }
    }

    /// <summary>True the first time a clip's audio is asked for with <c>cutonce</c>, so that a retry gets it whole.</summary>
    internal bool TakeAudioCut(string taskId, string clipId)
    {
        lock (gate)
        {
            return audioCutsServed.Add($"{taskId}/{clipId}");
        }
    }

    /// <summary>True the first time a clip's audio is asked for with <c>stallonce</c>, so that a retry gets it whole.</summary>
    internal bool TakeAudioStall(string taskId, string clipId)
    {
        lock (gate)
        {
            return audioStallsServed.Add($"{taskId}/{clipId}");
        }
    }

    internal void RecordAudioDownload(string taskId, string clipId)
    {
        lock (gate)
        {
            var key = $"{taskId}/{clipId}";
            audioDownloads[key] = audioDownloads.GetValueOrDefault(key) + 1;
        }
    }

    internal void Add(SandboxTask task)
    {
        tasks[task.Id] = task;
        lock (gate)
        {
            peakOpenTasks = Math.Max(peakOpenTasks, ++openTasks);
        }
    }

    internal void Finished()
    {
        lock (gate)
        {
            openTasks--;
        }
    }

    internal void Record(CreateCall call)
    {
        lock (gate)
        {
            calls.Add(call);
        }
    }

    internal void Record(DeliveryAttempt delivery)
    {
        lock (gate)
        {
            deliveries.Add(delivery);
        }
    }
}
