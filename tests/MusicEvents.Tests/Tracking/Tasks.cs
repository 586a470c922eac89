using MusicEvents.Contracts;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Tracking;

namespace MusicEvents.Tests.Tracking;

/// <summary>Tasks in each state of the lifecycle, reached the way the consumers reach them.</summary>
internal static class Tasks
{
    public static readonly Guid CorrelationId = Guid.Parse("6f1c0a52-3c0e-4d43-9a55-0d7a1d2f4b10");
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = Start.AddHours(3);

    public static readonly CompletedClip Clip = new("c-1", "https://cdn.example/c-1.m4a", null, null, "One", 30);

    public static readonly ProviderTaskReport Success = new(ProviderTaskStatus.Succeeded, "t-1", [Clip], null, null);

    public static readonly ProviderTaskReport ProviderFailure = new(ProviderTaskStatus.Failed, "t-1", [], "moderation", true);

    public static TrackTask Accepted() => TrackTask.Accept(CorrelationId, TrackOperation.Extend, "fingerprint", Start);

    public static TrackTask Claimed() => Accepted().Claim(Start.AddSeconds(1))!.Task;

    public static TrackTask Submitted() => Claimed().Submit("t-1", Start.AddSeconds(2))!.Task;

    public static TrackTask Completed() => Submitted().Report(TrackInputs.Webhook("w-1"), Success, Start.AddSeconds(30))!.Task;

    public static TrackStored StoredClip(string clipId) =>
        new(CorrelationId, "t-1", clipId, new Uri($"http://blobs.example/tracks/{clipId}.m4a"), "audio/mp4", 1234, "ab12", Start.AddSeconds(40));

    public static TrackTask Row(string row) => row switch
    {
        "Accepted" => Accepted(),
        "Accepted, claimed" => Claimed(),
        "Accepted, waiting" => Accepted().Wait(new(TrackWaitReason.MaxInFlight, "MusicApi:MaxInFlight (5) tasks are submitted and not final.", Start), Start)!.Task,
        "Submitted" => Submitted(),
        "Completed" => Completed(),
        "Completed before the create call answered" =>
            Claimed().Complete(TrackInputs.Webhook("w-1"), null, [Clip], Start.AddSeconds(2))!.Task,
        "Stored" => Completed().Store(StoredClip("c-1"), Start.AddSeconds(40))!.Task,
        "Failed (gave up)" => Submitted().GiveUp(Submitted().UpdatedAt, TimeSpan.FromHours(2), Start.AddHours(2))!.Task,
        "Failed (MusicAPI)" => Submitted().Report(TrackInputs.Webhook("w-1"), ProviderFailure, Start.AddSeconds(30))!.Task,
        "Failed (storage)" => Completed().Fail(
            new(TrackFailureReason.StorageFailed, "Clip c-1: refused"), TrackInputs.Storage, Start.AddSeconds(40))!.Task,
        _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
    };
}
