namespace MusicEvents.Cli;

/// <summary>A problem the person typing can fix: printed as one line, exit code 2, no stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
