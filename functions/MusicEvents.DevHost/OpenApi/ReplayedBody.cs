namespace MusicEvents.DevHost.OpenApi;

/// <summary>The 200 body of the replay route, as WebhookReplayer writes it (checked by an integration test).</summary>
public sealed record ReplayedBody(string WebhookId, Guid CorrelationId, string Status, bool Published);
