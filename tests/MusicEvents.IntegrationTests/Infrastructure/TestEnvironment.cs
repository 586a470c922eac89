namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// The real servers these tests need, as `./dev test` starts and announces them. Missing ones
/// fail the run loudly: an integration test that silently skips proves nothing.
/// </summary>
public static class TestEnvironment
{
    public static string RabbitMq => Required("ConnectionStrings__RabbitMq");

    public static string Storage => Required("AzureWebJobsStorage");

    /// <summary>
    /// One of five more storage accounts on the run's Azurite (1 to 5), empty at start: for a test
    /// whose DevHosts must not see the shared hosts' tasks (their timers reconcile whatever is open).
    /// </summary>
    public static string SpareStorage(int number) => Required($"MUSICEVENTS_SPARE_STORAGE_{number}");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the integration tests through `./dev test`, which starts RabbitMQ and Azurite.");
}
