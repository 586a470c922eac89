using MusicEvents.Benchmarks;

// ./dev bench runs this once everything is up: scenarios in the order that keeps each one's
// figures clean (idle memory first; the archive next, so that its peak memory is measured on a
// DevHost whose heap no other load has grown yet; single flows after the bursts, on a DevHost whose
// code the bursts have made hot), then the report on stdout and in
// docs/benchmarks.md. Exits 1 when a scenario could not do what it measures.
var settings = BenchSettings.FromEnvironment();
var devHost = new ProcessProbe(settings.DevHostPid);
var cpu = CpuMeter.FromEnvironment(Environment.GetEnvironmentVariable("BENCH_CPU_GROUPS"));
using var http = LoadClient.Create();
await using var bus = await BenchBus.StartAsync(settings.RabbitMq);
await using var publisher = await RawPublisher.StartAsync(settings.RabbitMq);
await using var backlog = await QueueBacklog.StartAsync(settings.RabbitMq);
var machine = MachineInfo.Describe(publisher.ServerVersion, settings.AzuriteVersion);
Progress.Line($"DevHost pid {devHost.Pid} at {settings.DevHost}; {machine.Cores} cores, {machine.CpuModel}, load average {machine.LoadAverage}");

if (settings.OnlyStorageRequests)
{
    // BENCH_ONLY=storage-requests: the storage-request count alone, printed and not written (about a minute).
    var alone = await new StorageRequestsScenario(settings, bus, http).RunAsync();
    var section = new System.Text.StringBuilder();
    StorageRequestsSection.Append(section, alone);
    Console.WriteLine(section);
    return 0;
}

if (settings.OnlyArchive)
{
    // BENCH_ONLY=archive: the archive and its baseline alone, printed and not written (about two minutes a round).
    var alone = await new ArchiveScenario(settings, bus, devHost, cpu, http).RunAsync();
    var section = new System.Text.StringBuilder();
    ArchiveSection.Append(section, alone);
    ArchiveSection.AppendCpu(section, alone, cpu.Parts.Append(CpuUse.Rest).ToList());
    Console.WriteLine(section);
    return alone.Errors.Any() ? 1 : 0;
}

var storage = new StorageRequests(settings, http);
if (settings.OnlyIngestion)
{
    // BENCH_ONLY=ingestion: the webhook ingestion scenario alone, printed and not written (about four minutes).
    var alone = await new IngestionScenario(settings, bus, publisher, new RawInbox(settings.Storage), http, cpu, storage).RunAsync();
    var section = new System.Text.StringBuilder();
    IngestionSection.Append(section, settings, alone);
    Console.WriteLine(section);
    return 0;
}

var window = TimeSpan.FromSeconds(5);
var idle = new List<IdleSample> { await IdleSample.TakeAsync(devHost, "after start", TimeSpan.Zero, window) };

// The archive's blob requests: those to its container only, so the timer's lease blob stays out.
var beforeArchive = await storage.TakeAsync();
var archive = await new ArchiveScenario(settings, bus, devHost, cpu, http).RunAsync();
var archiveRequests = (await storage.TakeAsync()).Since(beforeArchive);

var endToEnd = await new EndToEndScenario(settings, bus, backlog, cpu, async () =>
    idle.Add(await IdleSample.TakeAsync(devHost, $"after the archive, the warm-up and the first {settings.EndToEndCommands} commands", TimeSpan.FromSeconds(10), window))).RunAsync();
var singleFlow = await new SingleFlowScenario(settings, bus, cpu).RunAsync();
var ingestion = await new IngestionScenario(settings, bus, publisher, new RawInbox(settings.Storage), http, cpu, storage).RunAsync();
var storageRequests = await new StorageRequestsScenario(settings, bus, http).RunAsync();
idle.Add(await IdleSample.TakeAsync(devHost, "after every scenario", TimeSpan.FromSeconds(5), window));

var now = DateTimeOffset.UtcNow;
var elapsed = settings.StartedAtUnixMs is { } ms ? now - DateTimeOffset.FromUnixTimeMilliseconds(ms) : (TimeSpan?)null;
var report = new BenchReport(settings, machine, now, elapsed, cpu.Parts.Append(CpuUse.Rest).ToList(), ingestion, archive, endToEnd, idle, storageRequests)
{
    SingleFlow = singleFlow,
    ArchiveBlobRequests = archiveRequests.Blob.GetValueOrDefault(ArchiveSection.Container),
}.ToMarkdown();
Console.WriteLine(report);
BenchDocument.Write(settings.DocPath, report);
Progress.Line($"written to {settings.DocPath}");

var complete = archive.Errors.Count() < archive.MusicEvents.Count + archive.Baseline.Count && endToEnd.Runs.All(r => r.Stored > 0) && singleFlow.LatenciesMs.Count > 0;
return complete ? 0 : 1;
