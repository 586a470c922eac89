namespace MusicEvents.Cli;

/// <summary>
/// Colour for the line-by-line output (states, events), never wrapped by us, so that an id or a
/// URL stays one piece to copy. Plain when redirected or when NO_COLOR is set. Tables use Spectre.Console.
/// </summary>
internal static class Ansi
{
    private static readonly bool Enabled = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    public static string Grey(string text) => Paint(text, "90");

    public static string Bold(string text) => Paint(text, "1");

    public static string Red(string text) => Paint(text, "31");

    public static string Green(string text) => Paint(text, "32");

    public static string Blue(string text) => Paint(text, "34");

    public static string Yellow(string text) => Paint(text, "33");

    private static string Paint(string text, string code) => Enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
