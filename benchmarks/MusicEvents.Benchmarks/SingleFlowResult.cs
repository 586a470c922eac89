namespace MusicEvents.Benchmarks;

/// <summary>
/// Flows one at a time: each one's time from publish to TrackStored (milliseconds, sorted), the
/// medians of its three stages, and the CPU every part used over all of them.
/// </summary>
public sealed record SingleFlowResult(int Flows, int WarmUpFlows, IReadOnlyList<double> LatenciesMs, int NotStored, CpuUse? Cpu)
{
    /// <summary>Publish → TrackSubmitted: the submission consumer, its table requests and the create call.</summary>
    public double SubmissionP50Ms { get; init; } = double.NaN;

    /// <summary>TrackSubmitted → TrackCompleted: the sandbox's webhook, the webhook function and the report consumer.</summary>
    public double ReportP50Ms { get; init; } = double.NaN;

    /// <summary>TrackCompleted → TrackStored: the archive consumer (download, staged block, commit).</summary>
    public double ArchiveP50Ms { get; init; } = double.NaN;

    public double P50Ms => Stats.Percentile(LatenciesMs, 0.50);

    public double P95Ms => Stats.Percentile(LatenciesMs, 0.95);

    public double MaxMs => LatenciesMs.Count == 0 ? double.NaN : LatenciesMs[^1];

    /// <summary>CPU milliseconds per stored flow, per part (idle time between flows included: it is short).</summary>
    public IReadOnlyDictionary<string, double> CpuPerFlowMs => Cpu?.MillisecondsPer(LatenciesMs.Count) ?? new Dictionary<string, double>();
}
