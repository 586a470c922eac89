using System.Diagnostics;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>The three-node RabbitMQ cluster `./dev test` starts (infra/local/rabbitmq-cluster.sh), and its ctl script.</summary>
public static class RabbitMqCluster
{
    /// <summary>amqp://… of node 1 (credentials and virtual host for all of them).</summary>
    public static string ConnectionString => Required("MUSICEVENTS_RABBITMQ_CLUSTER");

    /// <summary>host:port of each node, node 1 first.</summary>
    public static IReadOnlyList<string> Nodes => Required("MUSICEVENTS_RABBITMQ_CLUSTER_NODES").Split(',');

    /// <summary>amqp://… of node <paramref name="number"/> alone.</summary>
    public static string NodeConnectionString(int number) => new UriBuilder(ConnectionString) { Port = int.Parse(Nodes[number - 1].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture) }.Uri.ToString();

    /// <summary>SIGKILL to the node's processes, as a crash or a lost machine would.</summary>
    public static Task KillAsync(int number) => CtlAsync("kill", number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>rabbitmqctl against node <paramref name="number"/>; its standard output.</summary>
    public static Task<string> RabbitMqCtlAsync(int number, params string[] command) =>
        CtlAsync([number.ToString(System.Globalization.CultureInfo.InvariantCulture), .. command]);

    private static async Task<string> CtlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Required("MUSICEVENTS_RABBITMQ_CLUSTER_CTL")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"cluster ctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the integration tests through `./dev test`, which starts the RabbitMQ cluster.");
}
