using System.Globalization;

namespace MusicEvents.Sandbox;

/// <summary>
/// Per-request fault knobs, read from '+'-separated tokens after the id in clip_id
/// (<c>clip123+fail+dup</c>): MusicEvents passes clip_id through untouched, so a test picks the
/// fault by choosing the clip it asks for. Unknown tokens are ignored (and listed in <see cref="Unknown"/>).
/// </summary>
public sealed record FaultSet
{
    public const int MaxMebibytes = 2048;

    public bool Fail { get; init; }
    public bool Duplicate { get; init; }
    public bool Drop { get; init; }
    public bool Streaming { get; init; }
    public bool Reorder { get; init; }
    public bool Never { get; init; }
    public int? TransientStatus { get; init; }

    /// <summary>The Retry-After (seconds) a 429 or 503 fault answers with: 1 unless <c>retry&lt;N&gt;</c> says.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>An error the create call always answers, as MusicAPI's error table lists them.</summary>
    internal ApiError? PermanentError { get; init; }

    /// <summary>Accept and charge the task, but answer the create call only after this many seconds.</summary>
    public int HangSeconds { get; init; }

    /// <summary>GET /producer/task answers in the older shape: per-clip state, 202 while processing.</summary>
    public bool LegacyPoll { get; init; }
    public bool SlowAudio { get; init; }
    public bool CutAudio { get; init; }

    /// <summary>Only the first download of each clip is cut off: a retry gets the whole file.</summary>
    public bool CutAudioOnce { get; init; }

    /// <summary>Headers and half the body, then silence until the client goes away: a stalled CDN.</summary>
    public bool StallAudio { get; init; }

    /// <summary>Only the first download of each clip stalls: a retry gets the whole file.</summary>
    public bool StallAudioOnce { get; init; }

    /// <summary>The body keeps coming, but only 1 KiB every 100 ms (about 10 KiB/s): never silent, never done.</summary>
    public bool TrickleAudio { get; init; }

    /// <summary>The audio is served as text/html, as a misconfigured CDN's error page would be.</summary>
    public bool NotAudio { get; init; }

    /// <summary>The audio is served without Content-Length (chunked): only what arrives tells its size.</summary>
    public bool Chunked { get; init; }

    /// <summary>Clips the task returns: 1, or 2 with <c>clips2</c>, each with its own audio.</summary>
    public int ClipCount { get; init; } = 1;
    public int? AudioMebibytes { get; init; }
    public int WebhookDelaySeconds { get; init; }
    public IReadOnlyList<string> Unknown { get; init; } = [];

    public static FaultSet Parse(string clipId)
    {
        var tokens = clipId.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var faults = new FaultSet();
        var unknown = new List<string>();
        foreach (var token in tokens.Skip(1))
        {
            var next = Apply(faults, token.ToLowerInvariant());
            if (next is null)
            {
                unknown.Add(token);
            }

            faults = next ?? faults;
        }

        return faults with { Unknown = unknown };
    }

    private static FaultSet? Apply(FaultSet faults, string token) => token switch
    {
        "fail" => faults with { Fail = true },
        "dup" => faults with { Duplicate = true },
        "drop" => faults with { Drop = true },
        "streaming" => faults with { Streaming = true },
        // Reordering needs a second event to swap with: the streaming one.
        "reorder" => faults with { Streaming = true, Reorder = true },
        "never" => faults with { Never = true },
        "429" or "500" or "502" or "503" => faults with { TransientStatus = int.Parse(token, CultureInfo.InvariantCulture) },
        "400" => faults with { PermanentError = new ApiError(400, "Invalid clip_id: clip not found.") },
        "401" => faults with { PermanentError = new ApiError(401, "Invalid or missing Authorization header.") },
        "403credits" => faults with { PermanentError = new ApiError(403, "Insufficient credits: please top up or subscribe.") },
        "403moderation" => faults with { PermanentError = new ApiError(403, "Your lyrics were flagged by moderation: \"burn it all down\"") },
        "410" => faults with { PermanentError = new ApiError(410, "This task type was retired in 2026-04.") },
        "504" => faults with { PermanentError = new ApiError(504, "Task failed due to timeout. Credits were previously refunded.") },
        _ when Number(token, "retry") is >= 1 and <= 3600 => faults with { RetryAfterSeconds = Number(token, "retry")!.Value },
        _ when Number(token, "hang") is >= 1 and <= 600 => faults with { HangSeconds = Number(token, "hang")!.Value },
        "legacy" => faults with { LegacyPoll = true },
        "slowaudio" => faults with { SlowAudio = true },
        "cutaudio" => faults with { CutAudio = true },
        "cutonce" => faults with { CutAudioOnce = true },
        "stall" => faults with { StallAudio = true },
        "stallonce" => faults with { StallAudioOnce = true },
        "trickle" => faults with { TrickleAudio = true },
        "notaudio" => faults with { NotAudio = true },
        "chunked" => faults with { Chunked = true },
        "clips2" => faults with { ClipCount = 2 },
        _ when Number(token, "mb") is >= 1 and <= MaxMebibytes => faults with { AudioMebibytes = Number(token, "mb") },
        _ when Number(token, "delay") is >= 1 and <= 3600 => faults with { WebhookDelaySeconds = Number(token, "delay")!.Value },
        _ => null,
    };

    private static int? Number(string token, string prefix) =>
        token.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(token.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>The clip id without its fault tokens.</summary>
    public static string SourceClipId(string clipId)
    {
        var plus = clipId.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? clipId : clipId[..plus];
    }
}
