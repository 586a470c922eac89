namespace MusicEvents.Benchmarks;

/// <summary>Several runs of one target at one concurrency, summed up by their medians.</summary>
public sealed record LoadSummary(IReadOnlyList<LoadRun> Runs)
{
    public double PerSecond => Stats.Median(Runs.Select(r => r.PerSecond));
    public double P50Ms => Stats.Median(Runs.Select(r => r.P50Ms));
    public double P99Ms => Stats.Median(Runs.Select(r => r.P99Ms));
    public double MaxMs => Stats.Median(Runs.Select(r => r.MaxMs));
    public CpuUse Cpu => CpuUse.Median(Runs.Select(r => r.Cpu).OfType<CpuUse>());

    /// <summary>Errors over every run, not a median: one error is worth seeing.</summary>
    public int Errors => Runs.Sum(r => r.ErrorCount);

    public IEnumerable<string> ErrorKinds =>
        Runs.SelectMany(r => r.Errors).GroupBy(e => e.Key).Select(g => $"{g.Key} ×{g.Sum(e => e.Value)}");
}
