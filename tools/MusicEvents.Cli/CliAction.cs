using System.CommandLine;
using Spectre.Console;

namespace MusicEvents.Cli;

/// <summary>Runs a command's action: a <see cref="CliException"/> becomes one line on stderr and exit code 2.</summary>
internal static class CliAction
{
    public const int Ok = 0;
    public const int Unsuccessful = 1;
    public const int Usage = 2;
    public const int TimedOut = 3;

    public static void SetAction(this Command command, Func<ParseResult, Target, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, Target.From(parse), cancellationToken);
            }
            catch (CliException exception)
            {
                Error(exception.Message);
                return Usage;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Ok; // Ctrl-C
            }
        });

    public static void Error(string message) => Console.Error.WriteLine("musicevents: " + message);

    /// <summary>Text from outside (ids, messages, URLs) shown as it is, never read as markup.</summary>
    public static string Plain(string? text) => Markup.Escape(text ?? "");
}
