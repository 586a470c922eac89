namespace MusicEvents.Sandbox;

/// <summary>GET /producer/task/{task_id}: <c>{code, status, message, data:[clip…]}</c>.</summary>
internal sealed record TaskAnswer(int Code, string Status, string Message, IReadOnlyList<SandboxClip> Data);
