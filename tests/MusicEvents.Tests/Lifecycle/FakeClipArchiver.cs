using System.Collections.Concurrent;
using MusicEvents.Contracts;
using MusicEvents.Core.Archive;

namespace MusicEvents.Tests.Lifecycle;

/// <summary>Stores every clip at once, except those it is told to refuse; counts the calls per clip.</summary>
internal sealed class FakeClipArchiver : IClipArchiver
{
    public static readonly DateTimeOffset StoredAt = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly ConcurrentDictionary<string, int> calls = new();

    public HashSet<string> Refused { get; } = [];

    public int CallsFor(string clipId) => calls.GetValueOrDefault(clipId);

    public Task<TrackStored> ArchiveAsync(Guid correlationId, string taskId, CompletedClip clip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clip);
        calls.AddOrUpdate(clip.ClipId, 1, (_, n) => n + 1);
        if (Refused.Contains(clip.ClipId))
        {
            throw new AudioSourceRefusedException(AudioSourceRule.ContentType, "the answer is text/html, not audio");
        }

        return Task.FromResult(Stored(correlationId, taskId, clip.ClipId));
    }

    public static TrackStored Stored(Guid correlationId, string taskId, string clipId) => new(
        correlationId, taskId, clipId, new Uri($"http://127.0.0.1:10000/devstoreaccount1/tracks/{correlationId:D}/{clipId}.m4a"),
        "audio/mp4", 4096, "5ha256", StoredAt);
}
