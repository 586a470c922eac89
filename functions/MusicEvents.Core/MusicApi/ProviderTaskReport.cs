using MusicEvents.Contracts;

namespace MusicEvents.Core.MusicApi;

/// <summary>A task's state as read from a webhook or a poll answer, whichever shape it came in.</summary>
public sealed record ProviderTaskReport(
    ProviderTaskStatus Status,
    string? TaskId,
    IReadOnlyList<CompletedClip> Clips,
    string? Message,
    bool? CreditsRefunded)
{
    public bool IsFinal => Status is ProviderTaskStatus.Succeeded or ProviderTaskStatus.Failed;
}
