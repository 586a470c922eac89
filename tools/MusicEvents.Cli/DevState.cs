using System.Text;

namespace MusicEvents.Cli;

/// <summary>
/// The state file a running <c>./dev up</c> keeps (<c>.dev/up.env</c>: one <c>KEY=value</c> a line,
/// values quoted the way bash's <c>printf %q</c> quotes them). Pids, ports and URLs, never keys.
/// </summary>
internal sealed class DevState(IReadOnlyDictionary<string, string> values)
{
    public const string RelativePath = ".dev/up.env";

    public string? DevHostUrl => values.GetValueOrDefault("DEV_DEVHOST_URL") is { Length: > 0 } url ? url : null;

    public string? RabbitMq => values.GetValueOrDefault("ConnectionStrings__RabbitMq") is { Length: > 0 } amqp ? amqp : null;

    public string? SandboxUrl => values.GetValueOrDefault("DEV_SANDBOX_URL") is { Length: > 0 } url ? url : null;

    /// <summary>The nearest <c>.dev/up.env</c> from <paramref name="directory"/> up to the root, if any.</summary>
    public static string? Find(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static DevState Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && !line.StartsWith('#'))
            {
                values[line[..equals]] = Unquote(line[(equals + 1)..]);
            }
        }

        return new DevState(values);
    }

    /// <summary>Undoes <c>printf %q</c> for what the state holds: backslash escapes, '…' and $'…'.</summary>
    internal static string Unquote(string value)
    {
        if (value.StartsWith("$'", StringComparison.Ordinal) && value.EndsWith('\''))
        {
            return System.Text.RegularExpressions.Regex.Unescape(value[2..^1]);
        }

        if (value.Length >= 2 && value.StartsWith('\'') && value.EndsWith('\''))
        {
            return value[1..^1];
        }

        var plain = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            plain.Append(value[i]);
        }

        return plain.ToString();
    }
}
