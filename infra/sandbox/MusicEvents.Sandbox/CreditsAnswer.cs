namespace MusicEvents.Sandbox;

/// <summary>GET /get-credits: <c>{"credits":N,"extra_credits":0}</c>.</summary>
internal sealed record CreditsAnswer(int Credits, int ExtraCredits);
