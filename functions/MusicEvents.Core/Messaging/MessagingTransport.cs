namespace MusicEvents.Core.Messaging;

public enum MessagingTransport
{
    RabbitMq,

    /// <summary>One process only: for machines without a broker. Nothing survives a restart.</summary>
    InMemory,
}
