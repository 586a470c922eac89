using System.Text.RegularExpressions;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Interop;

/// <summary>The musicevents tool, run as a process against the running stack, as a team would use it.</summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class CliTests(MusicEventsHosts hosts)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private string[] Target => ["--devhost-url", hosts.DevHostUrl.ToString(), "--rabbitmq", TestEnvironment.RabbitMq, "--function-key", MusicEventsHosts.FunctionKey];

    [Fact]
    public async Task Send_wait_shows_each_state_with_its_time_until_the_audio_is_stored()
    {
        var correlationId = Guid.NewGuid();

        await using var send = ChildProcess.Cli(
            ["send", "extend", "--correlation-id", correlationId.ToString(), "--clip-id", $"clip-{correlationId:N}", "--starts-at", "1.5", "--length", "1", "--wait", "--timeout", "60", .. Target]);

        Assert.True(await send.ExitAsync(Patience) == 0, send.Describe());
        var states = send.Lines.Select(l => StepLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["state"].Value).ToList();
        Assert.Equal(["Accepted", "Submitted", "Completed", "Stored"], states);
        var stored = await hosts.StatusAsync(correlationId);
        var blobUri = stored.GetProperty("clips")[0].GetProperty("blobUri").GetString()!;
        Assert.Contains(send.Lines, l => l.Contains(blobUri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_refuses_an_invalid_request_naming_the_field_with_exit_code_2()
    {
        await using var send = ChildProcess.Cli(["send", "extend", "--clip-id", "clip", "--starts-at", "1", "--length", "900", .. Target]);

        Assert.Equal(2, await send.ExitAsync(Patience));
        Assert.Contains(send.ErrorLines, l => l.Contains("length:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listen_prints_each_event_of_a_task_as_it_arrives()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 1, Length: 1);
        await using var listen = ChildProcess.Cli(["listen", "--correlation-id", command.CorrelationId.ToString(), "--count", "3", .. Target]);
        await listen.WaitForErrorAsync("listening to", Patience);

        await hosts.Events.Publisher.Publish(command);

        Assert.True(await listen.ExitAsync(Patience) == 0, listen.Describe());
        Assert.Equal(["TrackSubmitted", "TrackCompleted", "TrackStored"], listen.Lines.Select(l => EventLine().Match(l).Groups["type"].Value));
        Assert.All(listen.Lines, l => Assert.Contains(command.CorrelationId.ToString(), l));
        Assert.Contains("operation=Extend", listen.Lines[0]);
    }

    [Fact]
    public async Task Typed_in_a_terminal_listen_and_send_wait_both_finish_on_their_own()
    {
        var correlationId = Guid.NewGuid();
        var cli = $"timeout 120 dotnet {ChildProcess.CliDll} ";
        var target = string.Join(' ', Target.Select(a => $"'{a}'"));
        await using var listen = Terminal($"{cli} listen --correlation-id {correlationId} --count 3 {target}");
        await listen.WaitForLineAsync(l => l.Contains("listening to", StringComparison.Ordinal), Patience);

        await using var send = Terminal(
            $"{cli} send extend --correlation-id {correlationId} --clip-id clip-{correlationId:N} --starts-at 1 --length 1 --wait --timeout 60 {target}");

        Assert.True(await send.ExitAsync(Patience) == 0, send.Describe());
        Assert.True(await listen.ExitAsync(Patience) == 0, listen.Describe());
        Assert.Contains(send.Lines, l => l.Contains("Stored", StringComparison.Ordinal));
        Assert.Contains(listen.Lines, l => l.Contains("TrackStored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_deliveries_and_replay_take_their_URLs_from_a_dev_up_state_file()
    {
        var command = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 1, Length: 1);
        await hosts.Events.Publisher.Publish(command);
        await hosts.Events.WaitForAsync<TrackStored>(command.CorrelationId);
        var checkout = Directory.CreateTempSubdirectory("musicevents-up-");
        try
        {
            await WriteUpStateAsync(checkout.FullName);
            var nested = Directory.CreateDirectory(Path.Combine(checkout.FullName, "src", "service")).FullName;
            var key = new Dictionary<string, string> { ["MUSICEVENTS_FUNCTION_KEY"] = MusicEventsHosts.FunctionKey };

            await using var status = ChildProcess.Cli(["status", command.CorrelationId.ToString()], key, nested);
            Assert.True(await status.ExitAsync(Patience) == 0, status.Describe());
            Assert.Contains(status.Lines, l => l.Contains(command.CorrelationId.ToString(), StringComparison.Ordinal) && l.Contains("Stored", StringComparison.Ordinal));

            await using var deliveries = ChildProcess.Cli(["deliveries", "--hours", "1", "--limit", "500"], key, nested);
            Assert.True(await deliveries.ExitAsync(Patience) == 0, deliveries.Describe());
            var row = Assert.Single(deliveries.Lines, l => l.Contains(command.CorrelationId.ToString(), StringComparison.Ordinal));
            var cells = row.Split(['│', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var webhookId = cells[1]; // received, webhook id, correlation id, event, kept

            await using var replay = ChildProcess.Cli(["replay", webhookId, "--cid", cells[2]], key, nested);
            Assert.True(await replay.ExitAsync(Patience) == 0, replay.Describe());
            Assert.Contains(replay.Lines, l => l.StartsWith($"Replayed {webhookId} for {command.CorrelationId}", StringComparison.Ordinal));
        }
        finally
        {
            checkout.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A DevHost of its own with MusicApi:MaxInFlight 1 (its own sandbox, so its own gate): one task
    /// the sandbox never finishes holds the place, and the next one's status says why it waits.
    /// </summary>
    [Fact]
    public async Task Status_says_why_an_accepted_task_waits_before_its_create_call()
    {
        await using var fleet = await DevHostFleet.StartAsync(hosts, instances: 1, spareStorage: 6, new Dictionary<string, string?> { ["MusicApi:MaxInFlight"] = "1" });
        var holder = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}+never", 1, Length: 1);
        var waiter = new ExtendTrackCommand(Guid.NewGuid(), $"clip-{Guid.NewGuid():N}", 1, Length: 1);
        await fleet.Events.Publisher.Publish(holder);
        await fleet.Events.WaitForAsync<TrackSubmitted>(holder.CorrelationId, Patience);
        await fleet.Events.Publisher.Publish(waiter);
        await WaitingStatus.OfAsync(fleet.Hosts[0].Url, waiter.CorrelationId, Patience);

        await using var status = ChildProcess.Cli(
            ["status", waiter.CorrelationId.ToString(), "--devhost-url", fleet.Hosts[0].Url.ToString(), "--function-key", MusicEventsHosts.FunctionKey]);

        Assert.True(await status.ExitAsync(Patience) == 0, status.Describe());
        var line = Assert.Single(status.Lines, l => l.StartsWith("Waiting: ", StringComparison.Ordinal));
        Assert.Matches(@"^Waiting: MaxInFlight  MusicApi:MaxInFlight \(1\) tasks are submitted and not final\.  since \d\d:\d\d:\d\d\.\d{3}$", line);
    }

    /// <summary>A .dev/up.env written by ./dev's own state_write, as a running `./dev up` leaves it.</summary>
    private async Task WriteUpStateAsync(string checkout)
    {
        Directory.CreateDirectory(Path.Combine(checkout, ".dev"));
        var script = $". {Quote(RepositoryRoot.Combine("infra", "local", "lib.sh"))}; state_write {Quote(Path.Combine(checkout, ".dev", "up.env"))} " +
            $"DEV_PID=1 DEV_MODE=up {Quote("ConnectionStrings__RabbitMq=" + TestEnvironment.RabbitMq)} {Quote("AzureWebJobsStorage=" + TestEnvironment.Storage)} " +
            $"{Quote("DEV_DEVHOST_URL=" + hosts.DevHostUrl.ToString().TrimEnd('/'))} {Quote("DEV_SANDBOX_URL=" + hosts.SandboxUrl)}";
        await using var bash = ChildProcess.Start("bash", ["-c", script]);
        Assert.True(await bash.ExitAsync(Patience) == 0, bash.Describe());
    }

    /// <summary>Under a pseudo-terminal, as typed: `script` gives the command a tty of its own.</summary>
    private static ChildProcess Terminal(string commandLine) => ChildProcess.Start("script", ["-qec", commandLine, "/dev/null"]);

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3}( \+\d+\.\ds)?  (?<state>\w+)  ")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3}  (?<type>Track\w+)  ")]
    private static partial Regex EventLine();
}
