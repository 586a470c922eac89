namespace MusicEvents.DevHost.OpenApi;

/// <summary>Serves <see cref="OpenApiDocument"/> at <c>/openapi/v1.json</c> (docs/openapi.json is the same, kept by a test).</summary>
public static class OpenApiEndpoints
{
    public static void MapOpenApiDocument(this WebApplication app, FunctionCatalog catalog)
    {
        var json = OpenApiDocument.ToJson(OpenApiDocument.Generate(catalog));
        app.MapGet(OpenApiDocument.Route, () => Results.Text(json, "application/json"));
    }
}
