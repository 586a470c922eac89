using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MusicEvents.Contracts;
using MusicEvents.IntegrationTests.Infrastructure;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// The archive in a DevHost process of its own, on a virtual host of its own, killed in the middle
/// of an upload: RabbitMQ hands the unacknowledged TrackCompleted to the restarted process.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class CrashRecoveryTests(MusicEventsHosts hosts)
{
    [Fact]
    public async Task A_process_killed_mid_upload_leaves_no_blob_and_once_restarted_exactly_one_with_the_right_hash()
    {
        // 6 MiB served at about 1.3 MB/s in 256 KiB blocks: several blocks staged long before the end.
        var audio = await SandboxAudio.CreateAsync(hosts, "mb6+slowaudio");
        var completed = audio.Completed(Guid.NewGuid());
        var blob = hosts.Blobs.GetBlobContainerClient(StoredBlobs.Container)
            .GetBlockBlobClient($"{completed.CorrelationId:D}/{audio.Clip.ClipId}.wav");
        await using var virtualHost = await IsolatedVirtualHost.CreateAsync("archive-crash");
        await using var events = await EventObserver.StartAsync(virtualHost.ConnectionString);
        var settings = Settings(virtualHost.ConnectionString);

        await using (var doomed = await DevHostProcess.StartAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}"), settings))
        {
            await events.Publisher.Publish(completed);
            await WaitForStagedBlocksAsync(blob, 2, doomed);
            await doomed.KillAsync();
        }

        Assert.Empty(await StoredBlobs.UnderAsync(hosts.Blobs, completed.CorrelationId));
        var leftover = (await blob.GetBlockListAsync(BlockListTypes.All)).Value;
        Assert.Empty(leftover.CommittedBlocks);
        Assert.NotEmpty(leftover.UncommittedBlocks);

        await using var restarted = await DevHostProcess.StartAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}"), settings);
        var stored = await WaitForStoredAsync(events, completed.CorrelationId, restarted);

        var served = hosts.Sandbox.AudioSha256(audio.TaskId, audio.Clip.ClipId);
        var committed = Assert.Single(await StoredBlobs.UnderAsync(hosts.Blobs, completed.CorrelationId));
        Assert.Equal(6L << 20, committed.Properties.ContentLength);
        Assert.Equal(served, committed.Metadata["sha256"]);
        Assert.Equal(served, stored.Sha256);
        Assert.Equal(served, await Sha256.OfBlobAsync(hosts.Blobs, stored.BlobUri));
        Assert.Equal(2, hosts.Sandbox.AudioDownloads(audio.TaskId, audio.Clip.ClipId));
    }

    private static async Task WaitForStagedBlocksAsync(BlockBlobClient blob, int count, DevHostProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(process.HasExited, $"The DevHost exited early: {process.Output}");
            try
            {
                // Committed ones count too: a stager that committed early must be caught by the assertions.
                var blocks = (await blob.GetBlockListAsync(BlockListTypes.All)).Value;
                if (blocks.UncommittedBlocks.Count() + blocks.CommittedBlocks.Count() >= count)
                {
                    return;
                }
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // No block staged yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {count} blocks staged in 30 s: {process.Output}");
            await Task.Delay(50);
        }
    }

    private static async Task<TrackStored> WaitForStoredAsync(EventObserver events, Guid correlationId, DevHostProcess process)
    {
        try
        {
            return await events.WaitForAsync<TrackStored>(correlationId, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}; the restarted DevHost said: {process.Output}", exception);
        }
    }

    /// <summary>The shared DevHost's settings, on the test's virtual host, with small blocks.</summary>
    private Dictionary<string, string?> Settings(string rabbitMq)
    {
        var settings = hosts.DevHostSettings(new Uri("http://127.0.0.1:9"), rabbitMq);
        settings["Archive:BlockBytes"] = $"{256 * 1024}";
        return settings;
    }
}
