namespace MusicEvents.Sandbox;

/// <summary>MusicAPI's schema CreateTaskAccepted: <c>{"message":"success","task_id":"…"}</c>.</summary>
internal sealed record CreateTaskAccepted(string Message, string TaskId);
