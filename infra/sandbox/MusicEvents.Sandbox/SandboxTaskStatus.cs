namespace MusicEvents.Sandbox;

/// <summary>The task states of GET /producer/task; <see cref="SandboxTask.StatusText"/> gives the wire form.</summary>
public enum SandboxTaskStatus
{
    Pending,
    Running,
    Success,
    Failed,
}
