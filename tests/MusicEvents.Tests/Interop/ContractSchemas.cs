using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using MassTransit.Serialization;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.Tests.Interop;

/// <summary>
/// The JSON Schema of each message as the bus writes it (MassTransit's options with
/// <see cref="BusJson"/>: camelCase, enums as names), described by the contracts' XML docs.
/// </summary>
public static class ContractSchemas
{
    /// <summary>The options the bus serializes with; <see cref="JsonSchemaExporter"/> needs a resolver.</summary>
    public static JsonSerializerOptions WireOptions { get; } = CreateWireOptions();

    private static readonly XmlDocs Docs = XmlDocs.For(typeof(TrackStored).Assembly);

    public static JsonObject Of(Type type) => Of(type, type);

    /// <summary>The schema of <paramref name="shape"/>, described as <paramref name="documentedAs"/> (a test's look-alike of a contract).</summary>
    public static JsonObject Of(Type shape, Type documentedAs)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Describe(context, node, shape, documentedAs),
        };
        return (JsonObject)WireOptions.GetJsonSchemaAsNode(shape, exporter);
    }

    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode node, Type shape, Type documentedAs)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        var type = context.TypeInfo.Type == shape ? documentedAs : context.TypeInfo.Type;
        if (context.PropertyInfo is { } property)
        {
            var declaring = property.DeclaringType == shape ? documentedAs : property.DeclaringType;
            if (Docs.OfProperty(declaring, property.AttributeProvider is System.Reflection.MemberInfo m ? m.Name : property.Name) is { } text)
            {
                schema.Insert(0, "description", text);
            }
        }
        else if ((context.TypeInfo.Kind == JsonTypeInfoKind.Object && context.Path.Length == 0) || context.TypeInfo.Type.IsEnum || context.TypeInfo.Type == typeof(CompletedClip))
        {
            if (Docs.OfType(type) is { } text && !schema.ContainsKey("description"))
            {
                schema.Insert(0, "description", text);
            }
        }

        if (context.PropertyInfo is null && context.TypeInfo.Kind == JsonTypeInfoKind.Object)
        {
            // A field is required when its constructor parameter has no default and is not nullable.
            var required = context.TypeInfo.Properties
                .Where(p => p.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
                .Select(p => (JsonNode)p.Name)
                .ToArray();
            if (required.Length > 0)
            {
                schema["required"] = new JsonArray(required);
            }
        }

        return schema;
    }

    private static JsonSerializerOptions CreateWireOptions()
    {
        var options = BusJson.Configure(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options));
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}
