using System.Diagnostics;
using System.Globalization;

namespace MusicEvents.Benchmarks;

/// <summary>
/// Reads, from /proc, the CPU time of each process group ./dev bench started (DevHost, sandbox,
/// Azurite, RabbitMQ), of this benchmark, and of the machine as a whole: on two cores shared by
/// all of them, where the CPU went says which part is the limit.
/// </summary>
public sealed class CpuMeter(IReadOnlyDictionary<string, int> groups)
{
    public const string Benchmark = "benchmark";
    private const double ClockTicksPerSecond = 100; // USER_HZ, fixed at 100 for /proc on Linux

    public IEnumerable<string> Parts => groups.Keys.Append(Benchmark);

    public CpuSnapshot Take()
    {
        var byGroup = groups.ToDictionary(g => g.Value, _ => 0L);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var group = int.Parse(fields[2], CultureInfo.InvariantCulture);
                if (byGroup.ContainsKey(group))
                {
                    byGroup[group] += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }

        var seconds = groups.ToDictionary(g => g.Key, g => byGroup[g.Value] / ClockTicksPerSecond);
        seconds[Benchmark] = ProcessProbe.Self.CpuTime.TotalSeconds;
        return new CpuSnapshot(Stopwatch.GetTimestamp(), seconds, MachineBusySeconds());
    }

    /// <summary>Parses BENCH_CPU_GROUPS: <c>name=pgid</c> pairs separated by spaces.</summary>
    public static CpuMeter FromEnvironment(string? pairs) => new(
        (pairs ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && int.TryParse(p[1], CultureInfo.InvariantCulture, out _))
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture)));

    /// <summary>Every CPU's busy time (all but idle and iowait) from the first line of /proc/stat.</summary>
    private static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => cpu.Length > i ? long.Parse(cpu[i], CultureInfo.InvariantCulture) : 0;
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) / ClockTicksPerSecond;
    }
}
