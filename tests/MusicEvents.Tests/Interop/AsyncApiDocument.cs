using System.Text.Json;
using System.Text.Json.Nodes;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.Tests.Interop;

/// <summary>
/// docs/asyncapi.yaml as the contracts make it: one channel per message (its exchange), what
/// MusicEvents does with it, its payload's schema and an example. Written back to the file when it drifts.
/// </summary>
public static class AsyncApiDocument
{
    public const string Header = "# Generated from the contracts by tests/MusicEvents.Tests/Interop/AsyncApiDocument.cs: edit the\n" +
        "# contracts' XML docs or that file, never this one. AsyncApiDocumentTests fails when they differ.\n";

    private const string EnvelopeContentType = "application/vnd.masstransit+json";

    public static JsonObject Generate()
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject();
        var docs = XmlDocs.For(typeof(TrackStored).Assembly);

        foreach (var type in PublishedMessages.Commands.Concat(PublishedMessages.Events))
        {
            var isEvent = PublishedMessages.Events.Contains(type);
            var exchange = PublishedMessages.ExchangeOf(type);
            channels[type.Name] = new JsonObject
            {
                ["address"] = exchange,
                ["description"] = isEvent
                    ? $"Fanout exchange {exchange}, declared by MusicEvents when it starts: bind a queue of your own to it."
                    : $"Fanout exchange {exchange}: publish the command here (MusicEvents' consumer queue is bound to it).",
                ["messages"] = new JsonObject { [type.Name] = Ref($"#/components/messages/{type.Name}") },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject { ["name"] = exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/" },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            operations[(isEvent ? "publish" : "consume") + type.Name] = new JsonObject
            {
                ["action"] = isEvent ? "send" : "receive",
                ["channel"] = Ref($"#/channels/{type.Name}"),
                ["summary"] = isEvent ? $"MusicEvents publishes {type.Name}." : $"MusicEvents consumes {type.Name} from any service.",
                ["messages"] = new JsonArray(Ref($"#/channels/{type.Name}/messages/{type.Name}")),
            };

            var example = JsonSerializer.SerializeToNode(ContractExamples.For(type), type, ContractSchemas.WireOptions)!;
            messages[type.Name] = new JsonObject
            {
                ["name"] = type.Name,
                ["summary"] = docs.OfType(type),
                ["contentType"] = isEvent ? EnvelopeContentType : "application/json",
                ["description"] = isEvent
                    ? "Sent in MassTransit's envelope: the event is its `message`; `messageType` names it as a URN."
                    : "Plain JSON (camelCase or PascalCase) with content type application/json; MassTransit's envelope is accepted too.",
                ["payload"] = Ref(isEvent ? $"#/components/schemas/{type.Name}Envelope" : $"#/components/schemas/{type.Name}"),
                ["examples"] = new JsonArray(new JsonObject
                {
                    ["name"] = JsonNamingPolicy.CamelCase.ConvertName(type.Name),
                    ["payload"] = isEvent ? Envelope(type, example) : example,
                }),
            };
            schemas[type.Name] = ContractSchemas.Of(type);
            if (isEvent)
            {
                schemas[$"{type.Name}Envelope"] = EnvelopeSchema(type);
            }
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "MusicEvents",
                ["version"] = typeof(TrackStored).Assembly.GetName().Version!.ToString(3),
                ["description"] = "Extends music tracks, or replaces a section of them, with MusicAPI's Producer for any service that " +
                    "publishes a command on RabbitMQ. Every message's exchange is its full name; enums travel as names. The version is " +
                    "the MusicEvents.Contracts package's (docs/contracts.md has the versioning policy and the lifecycle as subscribers " +
                    "see it). Internal messages on the same broker, not contracts: " +
                    string.Join(", ", PublishedMessages.Internal.Select(PublishedMessages.ExchangeOf)) + ".",
            },
            ["defaultContentType"] = "application/json",
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject
                {
                    ["host"] = "localhost:5672",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "The RabbitMQ MusicEvents is connected to (ConnectionStrings__RabbitMq); `./dev up` prints a local one.",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages, ["schemas"] = schemas },
        };
    }

    public static string ToYaml(JsonObject document) => Yaml.Write(document, Header);

    private static JsonObject Ref(string to) => new() { ["$ref"] = to };

    private static JsonObject Envelope(Type type, JsonNode message) => new()
    {
        ["messageId"] = "0a3a0000-5d43-0015-0b2c-08dd9a1e6c1f",
        ["conversationId"] = "0a3a0000-5d43-0015-0b33-08dd9a1e6c1f",
        ["sourceAddress"] = "rabbitmq://localhost/musicevents_bus_example",
        ["destinationAddress"] = $"rabbitmq://localhost/{PublishedMessages.ExchangeOf(type)}",
        ["messageType"] = new JsonArray($"urn:message:{PublishedMessages.ExchangeOf(type)}"),
        ["message"] = message,
        ["sentTime"] = "2025-06-01T12:00:00Z",
        ["headers"] = new JsonObject(),
    };

    private static JsonObject EnvelopeSchema(Type type) => new()
    {
        ["description"] = $"MassTransit's envelope around a {type.Name}. Read `message`; the other fields are MassTransit's.",
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["messageId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["conversationId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
            ["sourceAddress"] = new JsonObject { ["type"] = "string" },
            ["destinationAddress"] = new JsonObject { ["type"] = "string" },
            ["messageType"] = new JsonObject
            {
                ["description"] = $"Contains urn:message:{PublishedMessages.ExchangeOf(type)}.",
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string" },
            },
            ["message"] = Ref($"#/components/schemas/{type.Name}"),
            ["sentTime"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["headers"] = new JsonObject { ["type"] = "object" },
        },
        ["required"] = new JsonArray("messageType", "message"),
    };
}
