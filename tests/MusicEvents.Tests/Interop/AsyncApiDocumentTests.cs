using System.Text.Json;
using System.Text.Json.Nodes;
using MusicEvents.Contracts;
using MusicEvents.Core.Messaging;

namespace MusicEvents.Tests.Interop;

/// <summary>docs/asyncapi.yaml says what the contracts are: generated from them, checked here.</summary>
public sealed class AsyncApiDocumentTests
{
    private static readonly string DocumentPath = RepositoryFile.Path("docs", "asyncapi.yaml");

    [Fact]
    public void The_AsyncAPI_document_is_the_one_the_contracts_generate()
    {
        var generated = AsyncApiDocument.Generate();

        var drift = JsonDrift.Between(Normalized(Yaml.Read(File.ReadAllText(DocumentPath))), Normalized(generated));

        if (drift.Count > 0)
        {
            var received = RepositoryFile.Path("docs", "asyncapi.received.yaml");
            File.WriteAllText(received, AsyncApiDocument.ToYaml(generated));
            Assert.Fail($"docs/asyncapi.yaml drifted from the contracts; the generated one is in {received}:\n" + string.Join("\n", drift.Take(20)));
        }
    }

    [Fact]
    public void A_renamed_field_is_drift_named_by_its_path()
    {
        var document = Normalized(Yaml.Read(File.ReadAllText(DocumentPath)));
        var generated = AsyncApiDocument.Generate();
        generated["components"]!["schemas"]![nameof(TrackStored)] = ContractSchemas.Of(typeof(TrackStoredWithRenamedField), typeof(TrackStored));

        var drift = JsonDrift.Between(document, Normalized(generated));

        Assert.Contains("$.components.schemas.TrackStored.properties.sha256Hex: generated, missing in the document", drift);
        Assert.Contains("$.components.schemas.TrackStored.properties.sha256: in the document, not generated", drift);
    }

    [Fact]
    public void A_field_of_another_type_is_drift_too()
    {
        var generated = Normalized(AsyncApiDocument.Generate());
        var changed = Normalized(AsyncApiDocument.Generate())!;
        changed["components"]!["schemas"]![nameof(TrackStored)] = ContractSchemas.Of(typeof(TrackStoredWithTextSize), typeof(TrackStored));

        var drift = JsonDrift.Between(generated, changed);

        Assert.Contains(drift, d => d.StartsWith("$.components.schemas.TrackStored.properties.sizeBytes.type:", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_public_message_has_a_channel_on_its_exchange_and_no_internal_one_has()
    {
        var channels = AsyncApiDocument.Generate()["channels"]!.AsObject();

        Assert.Equal(
            PublishedMessages.Commands.Concat(PublishedMessages.Events).Select(PublishedMessages.ExchangeOf).Order(),
            channels.Select(c => (string)c.Value!["address"]!).Order());
    }

    [Theory]
    [InlineData(typeof(ExtendTrackCommand))]
    [InlineData(typeof(ReplaceSectionCommand))]
    [InlineData(typeof(TrackSubmitted))]
    [InlineData(typeof(TrackCompleted))]
    [InlineData(typeof(TrackFailed))]
    [InlineData(typeof(TrackStored))]
    public void The_documented_example_reads_back_as_the_contract(Type type)
    {
        var example = Yaml.Read(File.ReadAllText(DocumentPath))!["components"]!["messages"]![type.Name]!["examples"]![0]!["payload"]!;
        var message = PublishedMessages.Events.Contains(type) ? example["message"]! : example;

        var read = message.Deserialize(type, ContractSchemas.WireOptions);

        // Serialized again to compare, since a record's list field compares by reference.
        Assert.Equal(
            JsonSerializer.Serialize(ContractExamples.For(type), type, ContractSchemas.WireOptions),
            JsonSerializer.Serialize(read, type, ContractSchemas.WireOptions));
    }

    private static JsonNode? Normalized(JsonNode? node) => node is null ? null : JsonNode.Parse(node.ToJsonString());

    private sealed record TrackStoredWithRenamedField(
        Guid CorrelationId, string TaskId, string ClipId, Uri BlobUri, string ContentType, long SizeBytes, string Sha256Hex, DateTimeOffset StoredAt);

    private sealed record TrackStoredWithTextSize(
        Guid CorrelationId, string TaskId, string ClipId, Uri BlobUri, string ContentType, string SizeBytes, string Sha256, DateTimeOffset StoredAt);
}
