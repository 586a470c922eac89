namespace MusicEvents.DevHost.OpenApi;

/// <summary>One answer: its status, what it means, and the type of its JSON body (none when null).</summary>
public sealed record RouteResponse(int Status, string Description, Type? Body = null, bool Problem = false);
