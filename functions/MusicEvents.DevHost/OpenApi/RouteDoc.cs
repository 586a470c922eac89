namespace MusicEvents.DevHost.OpenApi;

/// <summary>What the OpenAPI document says of one HTTP function beyond its attributes: its body, query and answers.</summary>
public sealed record RouteDoc(
    string Summary,
    RouteBody? Body,
    IReadOnlyList<RouteParameter> Query,
    IReadOnlyList<RouteResponse> Responses);

/// <summary>A request body: a type to describe, or (null) any JSON object, with the fields a request must have.</summary>
public sealed record RouteBody(Type? Type, string Description, IReadOnlyList<string> Required);

/// <summary>A query parameter (route parameters come from the route itself).</summary>
public sealed record RouteParameter(string Name, string Type, string Description, bool Required = false);

/// <summary>One answer: its status, what it means, and the type of its JSON body (none when null).</summary>
public sealed record RouteResponse(int Status, string Description, Type? Body = null, bool Problem = false);
