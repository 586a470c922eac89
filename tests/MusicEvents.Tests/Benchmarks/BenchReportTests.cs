using MusicEvents.Benchmarks;

namespace MusicEvents.Tests.Benchmarks;

/// <summary>How ./dev bench's report turns its measurements into verdicts (no timing: fixed figures in, text out).</summary>
public sealed class BenchReportTests
{
    [Fact]
    public void Every_core_busy_names_the_machine_as_the_limit_with_the_share_other_work_took()
    {
        var use = new CpuUse(new Dictionary<string, double> { ["devhost"] = 0.6, ["azurite-table"] = 0.5, [CpuUse.Rest] = 0.9 });

        Assert.Equal("the machine's CPU: 2.00 of its 2 cores busy, 0.90 of them with other work than this benchmark's", LimitsSection.LimitDuring(use, 2));
    }

    [Fact]
    public void A_table_server_near_its_one_core_is_the_limit_though_the_machine_has_two()
    {
        var use = new CpuUse(new Dictionary<string, double> { ["devhost"] = 0.4, ["azurite-table"] = 0.92, [CpuUse.Rest] = 0.1 });

        Assert.Equal("azurite-table, 0.92 cores busy (a Node.js process: one event loop)", LimitsSection.LimitDuring(use, 2));
    }

    [Fact]
    public void With_no_process_near_its_cores_the_work_is_said_to_have_waited()
    {
        var use = new CpuUse(new Dictionary<string, double> { ["devhost"] = 0.9, ["azurite-table"] = 0.3, [CpuUse.Rest] = 0.1 });

        var limit = LimitsSection.LimitDuring(use, 2);

        Assert.StartsWith("no process, none being near its cores (devhost 0.90, azurite-table 0.30", limit);
        Assert.EndsWith("the work waited on round trips or on MusicEvents' own limits", limit);
    }

    [Fact]
    public void Cpu_per_item_is_the_cores_kept_busy_times_the_window_over_the_items()
    {
        var use = new CpuUse(new Dictionary<string, double> { ["devhost"] = 0.5, ["rabbitmq"] = 0.05 }) { Wall = TimeSpan.FromSeconds(2) };

        var perItem = use.MillisecondsPer(10);

        Assert.Equal(100, perItem["devhost"], 6);
        Assert.Equal(10, perItem["rabbitmq"], 6);
    }

    [Fact]
    public void A_figure_above_its_target_is_not_met_and_shown_beside_its_recorded_figure_and_the_ratio()
    {
        var row = new TargetRow("Table requests per delivery", "≤ 2", "about 7", 4.0, "08dbcc2", 9.0, "", Met: false) { Show = Format.Count };

        Assert.Equal("| Table requests per delivery | ≤ 2 | about 7 | 4.0 (08dbcc2) | **9.0** | 2.25 | **not met** |", row.ToMarkdown());
    }

    [Fact]
    public void A_figure_never_measured_before_has_no_ratio()
    {
        var row = new TargetRow("p50", "≤ 100 ms", "not measured", double.NaN, "", 80, " ms", Met: true);

        Assert.Equal("| p50 | ≤ 100 ms | not measured | not measured | **80.0 ms** | – | met |", row.ToMarkdown());
    }

    [Fact]
    public void A_resource_with_fewer_requests_than_one_in_twenty_items_shows_as_under_a_tenth()
    {
        var counts = new Dictionary<string, long> { ["TrackTasksOpen"] = 1, ["TrackTasks"] = 80 };

        Assert.Equal("TrackTasks 2.0, TrackTasksOpen <0.1", StorageRequestsResult.ByResource(counts, 40));
    }

    [Fact]
    public void A_webhook_run_s_cost_with_its_consumers_is_the_cpu_until_they_were_done_over_its_deliveries()
    {
        LoadRun Run(double? applied, double devhostCores) => new(100, TimeSpan.FromSeconds(1), 1, 2, 3, new Dictionary<string, int>())
        {
            AppliedPerSecond = applied,
            CpuAllTheWay = new CpuUse(new Dictionary<string, double> { ["devhost"] = devhostCores }) { Wall = TimeSpan.FromSeconds(2) },
        };

        var summary = new LoadSummary([Run(50, 0.5), Run(null, 0.6), Run(70, 0.7)]);

        Assert.Equal(60, summary.AppliedPerSecond);
        Assert.Equal(12, summary.MillisecondsAllTheWay("devhost"), 6);
        Assert.True(double.IsNaN(summary.MillisecondsAllTheWay("sandbox")));
    }
}
