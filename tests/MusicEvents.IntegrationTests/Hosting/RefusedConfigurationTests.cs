using MusicEvents.Core.MusicApi;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Hosting;

/// <summary>
/// Each host started as a real process outside Development with settings it must refuse: one line
/// per problem on stderr, each naming its key, exit code 1, and no stack trace (before this, an
/// unhandled OptionsValidationException: exit code 134 and a page of frames).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class RefusedConfigurationTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task The_DevHost_outside_Development_names_each_refused_key_on_a_line_and_exits_1()
    {
        var settings = hosts.DevHostSettings(new Uri("http://127.0.0.1:1"), TestEnvironment.RabbitMq);
        settings["Archive:PrivateNetworkHosts:0"] = "127.0.0.1"; // refused outside Development
        settings["Reconciliation:Schedule"] = "every minute";
        settings["MusicApi:WebhookMasterKeys:1"] = WebhookMasterKeyRules.SamplePlaceholder;

        var exited = await ExitedProcess.RunAsync("MusicEvents.DevHost.dll", "Production", settings);

        Assert.Equal(1, exited.ExitCode);
        AssertOneLineEach(exited, "Archive:PrivateNetworkHosts", "Reconciliation:Schedule", "MusicApi:WebhookMasterKeys:1");
    }

    [Fact]
    public async Task The_DevHost_names_an_AzureWebJobsStorage_that_is_no_connection_string()
    {
        var settings = hosts.DevHostSettings(new Uri("http://127.0.0.1:1"), TestEnvironment.RabbitMq);
        settings.Remove("Archive:PrivateNetworkHosts:0");
        settings["AzureWebJobsStorage"] = "https://musicevents.blob.core.windows.net";

        var exited = await ExitedProcess.RunAsync("MusicEvents.DevHost.dll", "Production", settings);

        Assert.Equal(1, exited.ExitCode);
        AssertOneLineEach(exited, "AzureWebJobsStorage");
        Assert.DoesNotContain("musicevents.blob.core.windows.net", exited.Everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Functions_app_outside_Development_names_each_refused_key_on_a_line_and_exits_1()
    {
        var settings = hosts.DevHostSettings(new Uri("http://127.0.0.1:1"), TestEnvironment.RabbitMq);
        settings["Reconciliation:Schedule"] = "0 */1 * * *"; // five fields: the Functions host wants six

        var exited = await ExitedProcess.RunAsync("MusicEvents.Functions.dll", "Production", settings);

        Assert.Equal(1, exited.ExitCode);
        AssertOneLineEach(exited, "Archive:PrivateNetworkHosts", "Reconciliation:Schedule");
    }

    [Fact]
    public async Task The_sandbox_names_each_refused_key_on_a_line_and_exits_1()
    {
        var exited = await ExitedProcess.RunAsync("MusicEvents.Sandbox.dll", "Production", new Dictionary<string, string?>
        {
            ["Sandbox:SampleRate"] = "5",
            ["Sandbox:WebhookTimeout"] = "00:00:00",
        });

        Assert.Equal(1, exited.ExitCode);
        AssertOneLineEach(exited, "Sandbox:SampleRate", "Sandbox:WebhookTimeout");
    }

    private static void AssertOneLineEach(ExitedProcess exited, params string[] keys)
    {
        Assert.Equal(keys.Length, exited.StandardError.Count);
        foreach (var key in keys)
        {
            Assert.Single(exited.StandardError, line => line.Contains(key, StringComparison.Ordinal));
        }

        Assert.All(exited.StandardError, line => Assert.StartsWith("Configuration refused: ", line, StringComparison.Ordinal));
        Assert.DoesNotContain(" at ", exited.Everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", exited.Everything, StringComparison.Ordinal);
    }
}
