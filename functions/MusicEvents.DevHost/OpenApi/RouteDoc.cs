namespace MusicEvents.DevHost.OpenApi;

/// <summary>What the OpenAPI document says of one HTTP function beyond its attributes: its body, query and answers.</summary>
public sealed record RouteDoc(
    string Summary,
    RouteBody? Body,
    IReadOnlyList<RouteParameter> Query,
    IReadOnlyList<RouteResponse> Responses);
