namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>One set of hosts for every integration test: they share the broker and run in turn.</summary>
[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<MusicEventsHosts>
{
    public const string Name = "MusicEvents on real RabbitMQ, Azurite and sandbox";
}
