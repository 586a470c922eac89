namespace MusicEvents.Benchmarks;

/// <summary>
/// The DevHost left alone: after <c>settle</c> (for the JIT to finish promoting what the load made
/// hot), the CPU it used over a window, and its resident memory at the end of it.
/// </summary>
public sealed record IdleSample(string When, long ResidentBytes, double CpuPercentOfOneCore, TimeSpan Settle, TimeSpan Window)
{
    public static async Task<IdleSample> TakeAsync(ProcessProbe probe, string when, TimeSpan settle, TimeSpan window)
    {
        await Task.Delay(settle);
        var cpu = probe.CpuTime;
        await Task.Delay(window);
        var used = probe.CpuTime - cpu;
        var sample = new IdleSample(when, probe.ResidentBytes, 100 * used / window, settle, window);
        Progress.Line($"DevHost {when}: RSS {sample.ResidentBytes / 1e6:F0} MB, CPU {sample.CpuPercentOfOneCore:F1}% of a core over {window.TotalSeconds:F0} s");
        return sample;
    }
}
