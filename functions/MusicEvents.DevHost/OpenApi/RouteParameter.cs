namespace MusicEvents.DevHost.OpenApi;

/// <summary>A query parameter (route parameters come from the route itself).</summary>
public sealed record RouteParameter(string Name, string Type, string Description, bool Required = false);
