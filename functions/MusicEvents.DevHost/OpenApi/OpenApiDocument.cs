using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Azure.Functions.Worker;
using MusicEvents.Core.Submission;

namespace MusicEvents.DevHost.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the HTTP functions: paths, methods and auth levels from the
/// functions' own attributes (<see cref="FunctionCatalog"/>), bodies and answers from
/// <see cref="RouteDocs"/>, schemas from the types themselves as ASP.NET Core writes them (web defaults).
/// </summary>
public static class OpenApiDocument
{
    public const string Route = "/openapi/v1.json";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>Bounds of the request fields, from the limits the validators enforce.</summary>
    private static readonly Dictionary<string, JsonObject> Limits = new()
    {
        ["clipId"] = new() { ["maxLength"] = TrackRequestLimits.ClipIdMaxLength },
        ["startsAt"] = new() { ["minimum"] = 0, ["maximum"] = TrackRequestLimits.StartsAtMax },
        ["endsAt"] = new() { ["exclusiveMinimum"] = 0, ["maximum"] = TrackRequestLimits.StartsAtMax },
        ["length"] = new() { ["minimum"] = TrackRequestLimits.LengthMin, ["maximum"] = TrackRequestLimits.LengthMax },
        ["instruction"] = new() { ["maxLength"] = TrackRequestLimits.InstructionMaxLength },
        ["lyrics"] = new() { ["maxLength"] = TrackRequestLimits.LyricsMaxLength },
        ["sound"] = new() { ["maxLength"] = TrackRequestLimits.SoundMaxLength },
    };

    public static JsonObject Generate(FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var schemas = new JsonObject();
        var paths = new JsonObject();
        foreach (var function in catalog.Http.OrderBy(f => f.Route, StringComparer.Ordinal))
        {
            var doc = RouteDocs.All.TryGetValue(function.Name, out var found)
                ? found
                : throw new InvalidOperationException($"HTTP function {function.Name} has no entry in RouteDocs: describe it there.");
            var path = paths["/api/" + function.Route] as JsonObject ?? new JsonObject();
            paths["/api/" + function.Route] = path;
            foreach (var method in function.Methods)
            {
                path[method.ToLowerInvariant()] = Operation(function, doc, schemas);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "MusicEvents HTTP API",
                ["version"] = typeof(Contracts.TrackStored).Assembly.GetName().Version!.ToString(3),
                ["description"] = "The Functions app's HTTP routes, as the DevHost serves them. The same commands can be published " +
                    "on RabbitMQ instead (docs/asyncapi.yaml). In Azure every route but the webhook needs a function key.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["functionKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                },
            },
        };
    }

    private static JsonObject Operation(HttpFunction function, RouteDoc doc, JsonObject schemas)
    {
        var parameters = new JsonArray();
        foreach (var name in RouteParameters(function.Route))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = name == "correlationId" ? new JsonObject { ["type"] = "string", ["format"] = "uuid" } : new JsonObject { ["type"] = "string" },
            });
        }

        foreach (var query in doc.Query)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = query.Name,
                ["in"] = "query",
                ["required"] = query.Required,
                ["description"] = query.Description,
                ["schema"] = new JsonObject { ["type"] = query.Type },
            });
        }

        var responses = new JsonObject();
        foreach (var response in doc.Responses)
        {
            var answer = new JsonObject { ["description"] = response.Description };
            if (response.Body is { } body)
            {
                var mediaType = response.Problem ? "application/problem+json" : "application/json";
                answer["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = Reference(body, schemas) } };
            }

            responses[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = answer;
        }

        var operation = new JsonObject
        {
            ["operationId"] = function.Name,
            ["summary"] = doc.Summary,
            ["security"] = function.Level == AuthorizationLevel.Anonymous
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["functionKey"] = new JsonArray() }),
        };
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (doc.Body is { } request)
        {
            var schema = request.Type is { } type ? Reference(type, schemas, request.Required) : new JsonObject { ["type"] = "object" };
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["description"] = request.Description,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } },
            };
        }

        operation["responses"] = responses;
        return operation;
    }

    private static JsonObject Reference(Type type, JsonObject schemas, IReadOnlyList<string>? required = null)
    {
        if (type.IsArray)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Reference(type.GetElementType()!, schemas) };
        }

        if (!schemas.ContainsKey(type.Name))
        {
            schemas[type.Name] = Schema(type, required);
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    private static JsonNode Schema(Type type, IReadOnlyList<string>? required)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (node is JsonObject schema && context.PropertyInfo is { } property && required is not null
                    && Limits.TryGetValue(property.Name, out var limits))
                {
                    foreach (var (key, value) in limits)
                    {
                        schema[key] = value!.DeepClone();
                    }
                }

                if (node is JsonObject whole && context.PropertyInfo is null && context.TypeInfo.Kind == JsonTypeInfoKind.Object)
                {
                    var names = required ?? [.. context.TypeInfo.Properties
                        .Where(p => p.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
                        .Select(p => p.Name)];
                    if (names.Count > 0 && (required is null || context.TypeInfo.Type == type))
                    {
                        whole["required"] = new JsonArray([.. names.Select(n => (JsonNode)n)]);
                    }
                }

                return node;
            },
        };
        return Web.GetJsonSchemaAsNode(type, exporter);
    }

    private static IEnumerable<string> RouteParameters(string route) =>
        route.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1].Split(':')[0]);

    /// <summary>Serialized the way the DevHost serves it and docs/openapi.json keeps it.</summary>
    public static string ToJson(JsonObject document) =>
        document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

}
