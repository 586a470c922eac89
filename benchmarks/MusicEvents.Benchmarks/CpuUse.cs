namespace MusicEvents.Benchmarks;

/// <summary>
/// Cores each part kept busy on average between two snapshots (1.0 = one core all the time), with
/// <see cref="Rest"/> for whatever else ran on the machine meanwhile.
/// </summary>
public sealed record CpuUse(IReadOnlyDictionary<string, double> Cores)
{
    public const string Rest = "rest of the machine";

    public static CpuUse Between(CpuSnapshot start, CpuSnapshot end)
    {
        var wall = Stats.MillisecondsBetween(start.Timestamp, end.Timestamp) / 1000;
        var cores = end.Seconds.ToDictionary(kv => kv.Key, kv => Math.Max(0, kv.Value - start.Seconds.GetValueOrDefault(kv.Key)) / wall);
        cores[Rest] = Math.Max(0, ((end.MachineBusySeconds - start.MachineBusySeconds) / wall) - cores.Values.Sum());
        return new CpuUse(cores);
    }

    /// <summary>Part by part, the median of several measurements.</summary>
    public static CpuUse Median(IEnumerable<CpuUse> uses)
    {
        var all = uses.ToList();
        var parts = all.SelectMany(u => u.Cores.Keys).Distinct();
        return new CpuUse(parts.ToDictionary(p => p, p => Stats.Median(all.Select(u => u.Cores.GetValueOrDefault(p)))));
    }
}
