using MusicEvents.Contracts;

namespace MusicEvents.Tests.Interop;

/// <summary>One example of each public message, as documented in docs/asyncapi.yaml.</summary>
public static class ContractExamples
{
    private static readonly Guid CorrelationId = Guid.Parse("6f1c0a52-3c0e-4d43-9a55-0d7a1d2f4b10");
    private static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static object For(Type type) => type.Name switch
    {
        nameof(ExtendTrackCommand) => new ExtendTrackCommand(CorrelationId, "a1b2c3d4", 45.5, Length: 30, Instruction: "keep the groove, add strings"),
        nameof(ReplaceSectionCommand) => new ReplaceSectionCommand(CorrelationId, "a1b2c3d4", 30, 42.5, Lyrics: "la la la"),
        nameof(TrackSubmitted) => new TrackSubmitted(CorrelationId, "task-8f2e", TrackOperation.Extend, At),
        nameof(TrackCompleted) => new TrackCompleted(
            CorrelationId, "task-8f2e", TrackOperation.Extend,
            [new CompletedClip("clip-77aa", "https://cdn.musicapi.ai/clip-77aa.mp3", Title: "Night Drive (extended)", DurationSeconds: 75.5)],
            At.AddSeconds(40)),
        nameof(TrackFailed) => new TrackFailed(CorrelationId, "task-8f2e", TrackFailureReason.TimedOut, "No final answer from MusicAPI within 02:00:00.", null, At.AddHours(2)),
        nameof(TrackStored) => new TrackStored(
            CorrelationId, "task-8f2e", "clip-77aa",
            new Uri("https://musicevents.blob.core.windows.net/tracks/6f1c0a52-3c0e-4d43-9a55-0d7a1d2f4b10/clip-77aa.mp3"),
            "audio/mpeg", 1_208_320, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", At.AddSeconds(43)),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No example for this message."),
    };
}
