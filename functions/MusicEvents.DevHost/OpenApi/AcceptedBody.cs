namespace MusicEvents.DevHost.OpenApi;

/// <summary>The 202 body of the request routes, as TrackRequestHttpHandler writes it (checked by an integration test).</summary>
public sealed record AcceptedBody(Guid CorrelationId, string StatusUrl);
