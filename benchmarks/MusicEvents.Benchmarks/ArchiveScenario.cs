using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MusicEvents.Contracts;

namespace MusicEvents.Benchmarks;

/// <summary>
/// Scenario 2: one large sandbox file stored by the DevHost's archive consumer (a TrackCompleted
/// published on the bus, timed until its TrackStored arrives), in turns with the plainest way the
/// SDKs offer: an HttpClient response stream handed to BlobClient.UploadAsync in this process.
/// Each blob is deleted after its run, so that Azurite's disk does not fill up.
/// </summary>
public sealed class ArchiveScenario(BenchSettings settings, BenchBus bus, ProcessProbe devHost, CpuMeter cpu, HttpClient sandboxHttp)
{
    private const string Container = "tracks";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private readonly BlobContainerClient container = new BlobServiceClient(settings.Storage).GetBlobContainerClient(Container);

    public async Task<ArchiveResult> RunAsync()
    {
        var audio = await new SandboxClient(settings, sandboxHttp).CreateAudioAsync(settings.ArchiveMebibytes);
        var musicEvents = new List<ArchiveRun>();
        var baseline = new List<ArchiveRun>();
        var round = TimeSpan.Zero;
        for (var run = 1; run <= settings.ArchiveRuns; run++)
        {
            // Another round only if it fits, judged by the last one.
            if (settings.ArchiveDeadline is { } deadline && DateTimeOffset.UtcNow + round > deadline)
            {
                Progress.Line($"archive: {settings.ArchiveRuns - run + 1} round(s) skipped to finish ./dev bench within 10 minutes");
                return new ArchiveResult(audio.Bytes, musicEvents, baseline, settings.ArchiveRuns - run + 1);
            }

            var started = Stopwatch.GetTimestamp();
            baseline.Add(await BaselineAsync(audio));
            Progress.Line($"archive baseline run {run}/{settings.ArchiveRuns}: {Describe(baseline[^1])}");
            musicEvents.Add(await ArchiveConsumerAsync(audio));
            Progress.Line($"archive consumer run {run}/{settings.ArchiveRuns}: {Describe(musicEvents[^1])}");
            round = Stopwatch.GetElapsedTime(started);
        }

        return new ArchiveResult(audio.Bytes, musicEvents, baseline, 0);
    }

    private async Task<ArchiveRun> ArchiveConsumerAsync(SandboxAudio audio)
    {
        var correlationId = Guid.NewGuid();
        var clip = new CompletedClip(audio.ClipId, audio.Url.AbsoluteUri, null, null, "Benchmark archive", null);
        var peak = PeakWindow.Open(devHost);
        var before = cpu.Take();
        var start = Stopwatch.GetTimestamp();
        await bus.Publisher.Publish(new TrackCompleted(correlationId, audio.TaskId, TrackOperation.Extend, [clip], DateTimeOffset.UtcNow));
        await bus.WaitForAsync([correlationId], Limit);
        var arrival = bus.Find(correlationId);
        var elapsed = arrival is null ? Stopwatch.GetElapsedTime(start) : TimeSpan.FromMilliseconds(Stats.MillisecondsBetween(start, arrival.Timestamp));
        var used = CpuUse.Between(before, cpu.Take());
        var rise = peak.RiseBytes;
        var error = arrival?.Message switch
        {
            TrackStored stored when stored.SizeBytes == audio.Bytes => null,
            TrackStored stored => $"stored {stored.SizeBytes} of {audio.Bytes} bytes",
            TrackFailed failed => $"TrackFailed {failed.Reason}: {failed.Message}",
            _ => $"no TrackStored within {Limit.TotalMinutes} min",
        };
        if (arrival?.Message is TrackStored done)
        {
            await container.GetBlobClient(new BlobUriBuilder(done.BlobUri).BlobName).DeleteIfExistsAsync();
        }

        return new ArchiveRun(audio.Bytes, elapsed, rise, peak.Exact, error) { Cpu = used };
    }

    private async Task<ArchiveRun> BaselineAsync(SandboxAudio audio)
    {
        var blob = container.GetBlobClient($"bench-baseline/{Guid.NewGuid():N}.wav");
        using var http = new HttpClient { Timeout = Limit };
        var peak = PeakWindow.Open(ProcessProbe.Self);
        var before = cpu.Take();
        var start = Stopwatch.GetTimestamp();
        using (var response = await http.GetAsync(audio.Url, HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var source = await response.Content.ReadAsStreamAsync();
            await blob.UploadAsync(source, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "audio/wav" } });
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var used = CpuUse.Between(before, cpu.Take());
        var rise = peak.RiseBytes;
        var size = (await blob.GetPropertiesAsync()).Value.ContentLength;
        await blob.DeleteIfExistsAsync();
        return new ArchiveRun(audio.Bytes, elapsed, rise, peak.Exact, size == audio.Bytes ? null : $"stored {size} of {audio.Bytes} bytes") { Cpu = used };
    }

    private static string Describe(ArchiveRun run) =>
        run.Error ?? $"{run.MegabytesPerSecond:F0} MB/s in {run.Elapsed.TotalSeconds:F1} s, peak memory +{run.PeakRiseBytes / 1e6:F0} MB"
            + (run.Cpu is { } cpu ? $", cores: {string.Join(", ", cpu.Cores.Where(c => c.Value >= 0.01).Select(c => $"{c.Key} {c.Value:F2}"))}" : "");
}
