using System.Globalization;

namespace MusicEvents.Benchmarks;

/// <summary>
/// What <c>./dev bench</c> hands over in the environment: where everything listens, the run's keys
/// (kept in memory, never printed) and the DevHost's pid; plus the BENCH_* knobs, whose defaults
/// are the published run and which only shorten a run while working on the benchmark itself.
/// </summary>
public sealed record BenchSettings
{
    public required Uri DevHost { get; init; }
    public required Uri Sandbox { get; init; }
    public required string SandboxApiKey { get; init; }
    public required string WebhookMasterKey { get; init; }
    public required string RabbitMq { get; init; }
    public required string Storage { get; init; }
    public required int DevHostPid { get; init; }
    public required string DocPath { get; init; }
    public required string Command { get; init; }
    public long? StartedAtUnixMs { get; init; }
    public string? AzuriteVersion { get; init; }

    /// <summary>Timed runs of each ingestion target and level; the median is reported.</summary>
    public int Runs { get; init; }

    public TimeSpan RunDuration { get; init; }

    /// <summary>
    /// A webhook run ends after this many deliveries even before its time is up: the webhook takes
    /// them faster than the consumers behind it apply them, and each run waits for those before the
    /// next one begins.
    /// </summary>
    public int MaxDeliveriesPerRun { get; init; } = 3000;
    public int[] Concurrency { get; init; } = [1, 16, 64];
    public int ArchiveRuns { get; init; }
    public int ArchiveMebibytes { get; init; }
    public int EndToEndCommands { get; init; }
    public int EndToEndRuns { get; init; }

    /// <summary>Flows timed one at a time (after a few to warm up); p50 and p95 are taken over them.</summary>
    public int SingleFlows { get; init; }

    /// <summary>
    /// When the archive rounds must be done for ./dev bench to finish within 10 minutes: the
    /// scenarios after them take about four minutes on a busy two-core machine, the teardown
    /// seconds. Null when the start of ./dev bench is unknown.
    /// </summary>
    public DateTimeOffset? ArchiveDeadline =>
        StartedAtUnixMs is { } ms && !OnlyArchive ? DateTimeOffset.FromUnixTimeMilliseconds(ms) + TimeSpan.FromMinutes(4.75) : null;

    /// <summary>
    /// When the last burst must be done: single flows, ingestion, storage requests and the last idle
    /// sample take about four minutes after it. Null when the start of ./dev bench is unknown.
    /// </summary>
    public DateTimeOffset? EndToEndDeadline =>
        StartedAtUnixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) + TimeSpan.FromMinutes(5.5) : null;

    /// <summary>BENCH_ONLY=storage-requests: only the storage-request scenario, printed, docs/benchmarks.md left as it is.</summary>
    public bool OnlyStorageRequests { get; init; }

    /// <summary>BENCH_ONLY=ingestion: only the webhook ingestion scenario, printed, docs/benchmarks.md left as it is.</summary>
    public bool OnlyIngestion { get; init; }

    /// <summary>BENCH_ONLY=archive: only the archive scenario (no round skipped for time), printed, docs/benchmarks.md left as it is.</summary>
    public bool OnlyArchive { get; init; }

    /// <summary>The knobs changed from their defaults, as NAME=VALUE, for the command line shown.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    public static BenchSettings FromEnvironment()
    {
        var overrides = new List<string>();
        int Knob(string name, int fallback)
        {
            if (Environment.GetEnvironmentVariable(name) is not { Length: > 0 } text)
            {
                return fallback;
            }

            overrides.Add($"{name}={text}");
            return int.Parse(text, CultureInfo.InvariantCulture);
        }

        var settings = new BenchSettings
        {
            DevHost = new Uri(Required("DEV_DEVHOST_URL")),
            Sandbox = new Uri(Required("DEV_SANDBOX_URL")),
            SandboxApiKey = Required("DEV_SANDBOX_API_KEY"),
            WebhookMasterKey = Required("BENCH_WEBHOOK_MASTER_KEY"),
            RabbitMq = Required("ConnectionStrings__RabbitMq"),
            Storage = Required("AzureWebJobsStorage"),
            DevHostPid = int.Parse(Required("BENCH_DEVHOST_PID"), CultureInfo.InvariantCulture),
            DocPath = Required("BENCH_DOC"),
            Command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "./dev bench",
            StartedAtUnixMs = long.TryParse(Environment.GetEnvironmentVariable("BENCH_STARTED_MS"), CultureInfo.InvariantCulture, out var ms) ? ms : null,
            AzuriteVersion = Environment.GetEnvironmentVariable("BENCH_AZURITE_VERSION"),
            Runs = Knob("BENCH_RUNS", 3),
            RunDuration = TimeSpan.FromSeconds(Knob("BENCH_SECONDS", 3)),
            MaxDeliveriesPerRun = Knob("BENCH_MAX_DELIVERIES", 3000),
            // Two, not three: each 1 GiB transfer takes half a minute, and ./dev bench must stay under 10 minutes.
            ArchiveRuns = Knob("BENCH_ARCHIVE_RUNS", 2),
            ArchiveMebibytes = Knob("BENCH_ARCHIVE_MIB", 1024),
            EndToEndCommands = Knob("BENCH_E2E_COMMANDS", 500),
            EndToEndRuns = Knob("BENCH_E2E_RUNS", 3),
            SingleFlows = Knob("BENCH_SINGLE_FLOWS", 50),
            OnlyStorageRequests = Environment.GetEnvironmentVariable("BENCH_ONLY") == "storage-requests",
            OnlyArchive = Environment.GetEnvironmentVariable("BENCH_ONLY") == "archive",
            OnlyIngestion = Environment.GetEnvironmentVariable("BENCH_ONLY") == "ingestion",
        };
        return settings with { Overrides = overrides };
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the benchmark through `./dev bench`.");
}
