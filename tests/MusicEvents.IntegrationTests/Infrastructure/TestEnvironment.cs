namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The real servers these tests need, as `./dev test` starts and announces them. Missing ones
/// fail the run loudly: an integration test that silently skips proves nothing.
/// </summary>
public static class TestEnvironment
{
    public static string RabbitMq => Required("ConnectionStrings__RabbitMq");

    public static string Storage => Required("AzureWebJobsStorage");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the integration tests through `./dev test`, which starts RabbitMQ and Azurite.");
}
