namespace MusicEvents.Benchmarks;

/// <summary>What scenario 1 loads: MusicEvents' webhook and its three baselines.</summary>
public enum IngestionTarget
{
    /// <summary>POST /api/webhooks/musicapi on the DevHost, with the real inbox table and RabbitMQ behind it.</summary>
    Webhook,

    /// <summary>POST /devhost/baseline/read-body on the same Kestrel: reads the body, answers 200.</summary>
    ReadBody,

    /// <summary>A confirmed publish of the same event with RabbitMQ.Client.</summary>
    RawPublish,

    /// <summary>Insert-if-absent of the same inbox entity with Azure.Data.Tables.</summary>
    RawInsert,
}
