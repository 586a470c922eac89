namespace MusicEvents.Benchmarks;

/// <summary>Scenario 2: the archive consumer's runs and the plain SDK baseline's, taken in turns.</summary>
public sealed record ArchiveResult(long Bytes, IReadOnlyList<ArchiveRun> MusicEvents, IReadOnlyList<ArchiveRun> Baseline, int RoundsSkippedForTime)
{
    public double MusicEventsMegabytesPerSecond => Stats.Median(MusicEvents.Select(r => r.MegabytesPerSecond));
    public double BaselineMegabytesPerSecond => Stats.Median(Baseline.Select(r => r.MegabytesPerSecond));
    public double MusicEventsPeakRiseBytes => Stats.Median(MusicEvents.Where(r => r.Error is null).Select(r => (double)r.PeakRiseBytes));
    public double MusicEventsWorstPeakRiseBytes => MusicEvents.Where(r => r.Error is null).Select(r => (double)r.PeakRiseBytes).DefaultIfEmpty(double.NaN).Max();
    public double BaselinePeakRiseBytes => Stats.Median(Baseline.Where(r => r.Error is null).Select(r => (double)r.PeakRiseBytes));
    public double BaselineWorstPeakRiseBytes => Baseline.Where(r => r.Error is null).Select(r => (double)r.PeakRiseBytes).DefaultIfEmpty(double.NaN).Max();
    public CpuUse MusicEventsCpu => CpuUse.Median(MusicEvents.Where(r => r.Error is null).Select(r => r.Cpu).OfType<CpuUse>());
    public CpuUse BaselineCpu => CpuUse.Median(Baseline.Where(r => r.Error is null).Select(r => r.Cpu).OfType<CpuUse>());
    public bool ExactPeaks => MusicEvents.Concat(Baseline).All(r => r.ExactPeak);
    public IEnumerable<string> Errors => MusicEvents.Concat(Baseline).Select(r => r.Error).OfType<string>();
}
