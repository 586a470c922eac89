using System.Text.Json.Nodes;
using MusicEvents.DevHost;
using MusicEvents.DevHost.OpenApi;
using MusicEvents.Functions.Tracks;

namespace MusicEvents.Tests.Interop;

/// <summary>docs/openapi.json is what the DevHost serves at /openapi/v1.json, generated from the functions.</summary>
public sealed class OpenApiDocumentTests
{
    private static readonly string DocumentPath = RepositoryFile.Path("docs", "openapi.json");
    private static readonly FunctionCatalog Catalog = FunctionCatalog.Discover(typeof(ExtendTrack).Assembly);

    [Fact]
    public void The_OpenAPI_document_is_the_one_the_functions_generate()
    {
        var generated = OpenApiDocument.Generate(Catalog);

        var drift = JsonDrift.Between(JsonNode.Parse(File.ReadAllText(DocumentPath)), Normalized(generated));

        if (drift.Count > 0)
        {
            var received = RepositoryFile.Path("docs", "openapi.received.json");
            File.WriteAllText(received, OpenApiDocument.ToJson(generated));
            Assert.Fail($"docs/openapi.json drifted from the functions; the generated one is in {received}:\n" + string.Join("\n", drift.Take(20)));
        }
    }

    [Fact]
    public void A_renamed_field_is_drift_named_by_its_path()
    {
        var generated = Normalized(OpenApiDocument.Generate(Catalog))!;
        var accepted = generated["components"]!["schemas"]!["AcceptedBody"]!["properties"]!.AsObject();
        var statusUrl = accepted["statusUrl"]!.DeepClone();
        accepted.Remove("statusUrl");
        accepted["statusUri"] = statusUrl;

        var drift = JsonDrift.Between(JsonNode.Parse(File.ReadAllText(DocumentPath)), generated);

        Assert.Contains("$.components.schemas.AcceptedBody.properties.statusUri: generated, missing in the document", drift);
        Assert.Contains("$.components.schemas.AcceptedBody.properties.statusUrl: in the document, not generated", drift);
    }

    [Fact]
    public void Every_HTTP_function_is_an_operation_on_its_route_and_method()
    {
        var paths = OpenApiDocument.Generate(Catalog)["paths"]!.AsObject();

        foreach (var function in Catalog.Http)
        {
            foreach (var method in function.Methods)
            {
                Assert.Equal(function.Name, (string?)paths["/api/" + function.Route]?[method.ToLowerInvariant()]?["operationId"]);
            }
        }
    }

    [Fact]
    public void A_request_body_requires_what_the_handler_reports_missing()
    {
        var schemas = OpenApiDocument.Generate(Catalog)["components"]!["schemas"]!;

        Assert.Equal(["clipId", "startsAt"], schemas["ExtendTrackBody"]!["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["clipId", "startsAt", "endsAt"], schemas["ReplaceSectionBody"]!["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(240, (double)schemas["ExtendTrackBody"]!["properties"]!["length"]!["maximum"]!);
    }

    private static JsonNode? Normalized(JsonNode? node) => node is null ? null : JsonNode.Parse(node.ToJsonString());
}
