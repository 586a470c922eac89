namespace MusicEvents.DevHost.OpenApi;

/// <summary>A request body: a type to describe, or (null) any JSON object, with the fields a request must have.</summary>
public sealed record RouteBody(Type? Type, string Description, IReadOnlyList<string> Required);
