using MusicEvents.Core.Hosting;

namespace MusicEvents.Benchmarks;

/// <summary>Several runs of one target at one concurrency, summed up by their medians.</summary>
public sealed record LoadSummary(IReadOnlyList<LoadRun> Runs)
{
    public double PerSecond => Stats.Median(Runs.Select(r => r.PerSecond));
    public double P50Ms => Stats.Median(Runs.Select(r => r.P50Ms));
    public double P99Ms => Stats.Median(Runs.Select(r => r.P99Ms));
    public double MaxMs => Stats.Median(Runs.Select(r => r.MaxMs));
    /// <summary>Median over the runs that measured it; NaN when none did.</summary>
    public double AppliedPerSecond => Runs.Any(r => r.AppliedPerSecond is not null) ? Stats.Median(Runs.Select(r => r.AppliedPerSecond).OfType<double>()) : double.NaN;

    /// <summary>
    /// CPU milliseconds a part spent per success from a run's start until its consumers were done
    /// (median over the runs that measured it; NaN when none did).
    /// </summary>
    public double MillisecondsAllTheWay(string part)
    {
        var windows = Runs.Where(r => r.CpuAllTheWay is not null).Select(r => r.CpuAllTheWay!.MillisecondsPer(r.Succeeded).GetValueOrDefault(part, double.NaN)).ToList();
        return windows.Count == 0 ? double.NaN : Stats.Median(windows);
    }

    public CpuUse Cpu => CpuUse.Median(Runs.Select(r => r.Cpu).OfType<CpuUse>());

    /// <summary>Table requests per success over every run that counted them (NaN when none did).</summary>
    public double TablePerItem => PerItem(c => c.TableTotal);

    public double BlobPerItem => PerItem(c => c.BlobTotal);

    /// <summary>Table requests per success, by table, over every run that counted them.</summary>
    public string TableByResource
    {
        get
        {
            var counted = Runs.Where(r => r.StorageRequests is not null).ToList();
            var sum = counted.SelectMany(r => r.StorageRequests!.Table).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
            return StorageRequestsResult.ByResource(sum, counted.Sum(r => r.Succeeded));
        }
    }

    /// <summary>Errors over every run, not a median: one error is worth seeing.</summary>
    public int Errors => Runs.Sum(r => r.ErrorCount);

    public IEnumerable<string> ErrorKinds =>
        Runs.SelectMany(r => r.Errors).GroupBy(e => e.Key).Select(g => $"{g.Key} ×{g.Sum(e => e.Value)}");

    private double PerItem(Func<StorageRequestCounts, long> total)
    {
        var counted = Runs.Where(r => r.StorageRequests is not null).ToList();
        var items = counted.Sum(r => r.Succeeded);
        return items == 0 ? double.NaN : (double)counted.Sum(r => total(r.StorageRequests!)) / items;
    }
}
