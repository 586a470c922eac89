using System.Globalization;

namespace MusicEvents.Benchmarks;

/// <summary>Memory and CPU time of a process, read from /proc (Linux).</summary>
public sealed class ProcessProbe(int pid)
{
    private const double ClockTicksPerSecond = 100; // USER_HZ, fixed at 100 for /proc on Linux

    public static ProcessProbe Self { get; } = new(Environment.ProcessId);

    public int Pid => pid;

    public long ResidentBytes => Status("VmRSS");

    /// <summary>The highest resident size since start or since the last <see cref="TryResetPeak"/>.</summary>
    public long PeakResidentBytes => Status("VmHWM");

    public TimeSpan CpuTime
    {
        get
        {
            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
        }
    }

    /// <summary>Sets VmHWM back to the current VmRSS (clear_refs "5"), so a later peak is this window's own.</summary>
    public bool TryResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private long Status(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kib = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}.");
    }
}
