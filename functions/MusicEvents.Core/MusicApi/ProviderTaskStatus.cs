namespace MusicEvents.Core.MusicApi;

/// <summary>Where MusicAPI says a task is; only Succeeded and Failed are final.</summary>
public enum ProviderTaskStatus
{
    Unknown,
    Pending,
    Running,
    Streaming,
    Succeeded,
    Failed,
}
