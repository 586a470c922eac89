using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// Builds and runs a host, or refuses to: a configuration it cannot start with prints one line per
/// problem, each naming its key, and exits with code 1. Without this, the host's own start-up logs
/// the exception with its stack trace and the process ends on an unhandled exception (code 134).
/// </summary>
public static class ConfiguredHost
{
    public const int RefusedExitCode = 1;

    public static int Run(Func<IHost> build, TextWriter? error = null)
    {
        IHost host;
        try
        {
            host = build();

            // What ValidateOnStart would check inside StartAsync, checked here so that it can be told apart.
            host.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception exception) when (ConfigurationProblems.Of(exception) is { Count: > 0 } problems)
        {
            error ??= Console.Error;
            foreach (var problem in problems)
            {
                error.WriteLine($"Configuration refused: {problem}");
            }

            return RefusedExitCode;
        }

        using (host)
        {
            host.Run();
        }

        return 0;
    }
}
