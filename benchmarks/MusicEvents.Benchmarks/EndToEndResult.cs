namespace MusicEvents.Benchmarks;

/// <summary>Scenario 3: the bursts, summed up by their medians.</summary>
public sealed record EndToEndResult(int WarmUpCommands, IReadOnlyList<EndToEndRun> Runs)
{
    /// <summary>Runs left out so that ./dev bench ends within its 10 minutes.</summary>
    public int RunsSkippedForTime { get; init; }

    public double PerSecond => Stats.Median(Runs.Select(r => r.PerSecond));
    public double P50Ms => Stats.Median(Runs.Select(r => r.P50Ms));
    public double P99Ms => Stats.Median(Runs.Select(r => r.P99Ms));
    public double MaxMs => Stats.Median(Runs.Select(r => r.MaxMs));
    public CpuUse Cpu => CpuUse.Median(Runs.Select(r => r.Cpu).OfType<CpuUse>());

    /// <summary>CPU milliseconds per stored command, per part: the median of the runs.</summary>
    public IReadOnlyDictionary<string, double> CpuPerFlowMs =>
        CpuUse.MedianMillisecondsPer(Runs.Where(r => r.Cpu is not null).Select(r => (r.Cpu!, (double)r.Stored)));
    public IReadOnlyDictionary<string, double> LargestBacklog =>
        QueueBacklog.Queues.ToDictionary(q => q, q => Stats.Median(Runs.Select(r => (double)r.LargestBacklog.GetValueOrDefault(q))));

    public int NotStored => Runs.Sum(r => r.Failed + r.Missing);
}
