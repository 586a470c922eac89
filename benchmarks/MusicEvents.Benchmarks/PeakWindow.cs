namespace MusicEvents.Benchmarks;

/// <summary>
/// How far a process's resident memory rose above where it stood when the window opened. Exact
/// when the kernel lets the peak be reset; otherwise the rise of the lifetime peak, a lower bound.
/// </summary>
public sealed class PeakWindow
{
    private readonly ProcessProbe probe;
    private readonly long startBytes;

    private PeakWindow(ProcessProbe probe)
    {
        this.probe = probe;
        Exact = probe.TryResetPeak();
        startBytes = Exact ? probe.ResidentBytes : probe.PeakResidentBytes;
    }

    public bool Exact { get; }

    public long RiseBytes => Math.Max(0, probe.PeakResidentBytes - startBytes);

    public static PeakWindow Open(ProcessProbe probe) => new(probe);
}
