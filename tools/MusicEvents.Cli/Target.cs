using System.CommandLine;

namespace MusicEvents.Cli;

/// <summary>
/// Where MusicEvents is: options first, then the environment, then the state of a running
/// <c>./dev up</c> (found from the current folder up, or named by <c>--state</c>).
/// </summary>
internal sealed record Target(Uri? DevHostUrl, string? RabbitMq, string? FunctionKey, string? StateFile)
{
    public static readonly Option<string?> DevHostOption = new("--devhost-url")
    {
        Description = "MusicEvents' HTTP base URL (default: $MUSICEVENTS_DEVHOST_URL, then ./dev up's)",
        Recursive = true,
    };

    public static readonly Option<string?> RabbitMqOption = new("--rabbitmq")
    {
        Description = "amqp://user:password@host:port/vhost (default: $MUSICEVENTS_RABBITMQ, then ./dev up's)",
        Recursive = true,
    };

    public static readonly Option<string?> FunctionKeyOption = new("--function-key")
    {
        Description = "the function key, where routes need one (default: $MUSICEVENTS_FUNCTION_KEY)",
        Recursive = true,
    };

    public static readonly Option<string?> StateOption = new("--state")
    {
        Description = $"a ./dev up state file (default: the nearest {DevState.RelativePath} from here up)",
        Recursive = true,
    };

    public static Target From(ParseResult parse)
    {
        var statePath = parse.GetValue(StateOption) ?? DevState.Find(Directory.GetCurrentDirectory());
        var state = statePath is not null && File.Exists(statePath) ? DevState.Read(statePath) : null;
        var url = parse.GetValue(DevHostOption) ?? Environment.GetEnvironmentVariable("MUSICEVENTS_DEVHOST_URL") ?? state?.DevHostUrl;
        return new Target(
            url is null ? null : new Uri(url.TrimEnd('/') + "/"),
            parse.GetValue(RabbitMqOption) ?? Environment.GetEnvironmentVariable("MUSICEVENTS_RABBITMQ") ?? state?.RabbitMq,
            parse.GetValue(FunctionKeyOption) ?? Environment.GetEnvironmentVariable("MUSICEVENTS_FUNCTION_KEY"),
            state is null ? null : statePath);
    }

    public Uri RequireDevHost() => DevHostUrl ?? throw new CliException(
        $"No MusicEvents URL: pass --devhost-url, set MUSICEVENTS_DEVHOST_URL, or run `./dev up` (its {DevState.RelativePath} is read from here up).");

    public string RequireRabbitMq() => RabbitMq ?? throw new CliException(
        $"No RabbitMQ: pass --rabbitmq, set MUSICEVENTS_RABBITMQ, or run `./dev up` (its {DevState.RelativePath} is read from here up).");
}
