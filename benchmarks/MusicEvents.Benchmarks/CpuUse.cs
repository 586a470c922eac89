namespace MusicEvents.Benchmarks;

/// <summary>
/// Cores each part kept busy on average between two snapshots (1.0 = one core all the time), with
/// <see cref="Rest"/> for whatever else ran on the machine meanwhile.
/// </summary>
public sealed record CpuUse(IReadOnlyDictionary<string, double> Cores)
{
    public const string Rest = "rest of the machine";

    /// <summary>The time between the two snapshots.</summary>
    public TimeSpan Wall { get; init; }

    public static CpuUse Between(CpuSnapshot start, CpuSnapshot end)
    {
        var wall = Stats.MillisecondsBetween(start.Timestamp, end.Timestamp) / 1000;
        var cores = end.Seconds.ToDictionary(kv => kv.Key, kv => Math.Max(0, kv.Value - start.Seconds.GetValueOrDefault(kv.Key)) / wall);
        cores[Rest] = Math.Max(0, ((end.MachineBusySeconds - start.MachineBusySeconds) / wall) - cores.Values.Sum());
        return new CpuUse(cores) { Wall = TimeSpan.FromSeconds(wall) };
    }

    /// <summary>Part by part, the median of several measurements.</summary>
    public static CpuUse Median(IEnumerable<CpuUse> uses)
    {
        var all = uses.ToList();
        var parts = all.SelectMany(u => u.Cores.Keys).Distinct();
        return new CpuUse(parts.ToDictionary(p => p, p => Stats.Median(all.Select(u => u.Cores.GetValueOrDefault(p)))))
        {
            Wall = all.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Stats.Median(all.Select(u => u.Wall.TotalSeconds))),
        };
    }

    /// <summary>CPU milliseconds each part spent per item, when <paramref name="items"/> were done in this window.</summary>
    public IReadOnlyDictionary<string, double> MillisecondsPer(double items) =>
        Cores.ToDictionary(c => c.Key, c => items > 0 ? c.Value * Wall.TotalMilliseconds / items : double.NaN);

    /// <summary>Part by part, the median of several windows' CPU milliseconds per item.</summary>
    public static IReadOnlyDictionary<string, double> MedianMillisecondsPer(IEnumerable<(CpuUse Use, double Items)> windows)
    {
        var perItem = windows.Select(w => w.Use.MillisecondsPer(w.Items)).ToList();
        return perItem.SelectMany(p => p.Keys).Distinct().ToDictionary(k => k, k => Stats.Median(perItem.Select(p => p.GetValueOrDefault(k, double.NaN))));
    }
}
