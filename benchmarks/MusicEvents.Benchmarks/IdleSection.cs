using System.Text;

namespace MusicEvents.Benchmarks;

/// <summary>§6 of the report: the DevHost's memory and CPU at rest, beside the old figures.</summary>
public static class IdleSection
{
    private static readonly double[] Recorded =
        [RecordedBaseline.IdleAfterStartMegabytes, RecordedBaseline.IdleAfterLoadMegabytes, RecordedBaseline.IdleAfterEveryScenarioMegabytes];

    public static void Append(StringBuilder md, IReadOnlyList<IdleSample> idle)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(idle);
        md.AppendLine("### 6. Idle cost of the DevHost");
        md.AppendLine();
        md.AppendLine($"| when | resident memory (VmRSS) | CPU while idle | VmRSS in {RecordedBaseline.FullRun} |");
        md.AppendLine("|---|---:|---:|---:|");
        for (var i = 0; i < idle.Count; i++)
        {
            var s = idle[i];
            var settle = s.Settle > TimeSpan.Zero ? $", {s.Settle.TotalSeconds:F0} s after the load" : "";
            var old = i < Recorded.Length ? $"{Recorded[i]:F0} MB" : "";
            md.AppendLine($"| {s.When} | {s.ResidentBytes / 1e6:F0} MB | {s.CpuPercentOfOneCore:F1}% of a core over {s.Window.TotalSeconds:F0} s{settle} | {old} |");
        }

        md.AppendLine();
        md.AppendLine($"Issue 15 quotes {IssueQuotedBaseline.IdleMemory} after start.");
        md.AppendLine();
    }
}
