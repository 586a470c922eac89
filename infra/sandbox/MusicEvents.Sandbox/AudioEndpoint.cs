using System.Buffers;

namespace MusicEvents.Sandbox;

/// <summary>
/// GET /sandbox/audio/{taskId}/{clipId}.wav, the CDN stand-in: no auth, streamed in chunks with a
/// Content-Length, or with faults: slow (slowaudio), cut off halfway (cutaudio, or cutonce for the
/// first download only), silent after half (stall, or stallonce for the first download only), a
/// steady trickle far too slow to finish (trickle), served as text/html (notaudio), without
/// Content-Length (chunked).
/// </summary>
internal static class AudioEndpoint
{
    private const int ChunkSize = 64 * 1024;

    // Real time on purpose: pacing a download is I/O, and a fake clock in a test must not stall it.
    private static readonly TimeSpan SlowChunkDelay = TimeSpan.FromMilliseconds(50);

    private const int TrickleChunkSize = 1024;
    private static readonly TimeSpan TrickleChunkDelay = TimeSpan.FromMilliseconds(100);

    public static async Task HandleAsync(HttpContext context, string taskId, string clipId, SandboxState state)
    {
        var wav = state.FindAudio(taskId, clipId);
        if (wav is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        state.RecordAudioDownload(taskId, clipId);
        var faults = state.FindTask(taskId)!.Faults;
        var response = context.Response;
        response.ContentType = faults.NotAudio ? "text/html" : "audio/wav";
        if (!faults.Chunked)
        {
            response.ContentLength = wav.Length;
        }

        var cut = faults.CutAudio || (faults.CutAudioOnce && state.TakeAudioCut(taskId, clipId));
        var stall = faults.StallAudio || (faults.StallAudioOnce && state.TakeAudioStall(taskId, clipId));
        var limit = cut || stall ? wav.Length / 2 : wav.Length;
        var chunkSize = faults.TrickleAudio ? TrickleChunkSize : ChunkSize;
        var cancellationToken = context.RequestAborted;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            for (long offset = 0; offset < limit;)
            {
                // Before each chunk, so that even a one-chunk file arrives late.
                if (faults.SlowAudio || faults.TrickleAudio)
                {
                    await Task.Delay(faults.TrickleAudio ? TrickleChunkDelay : SlowChunkDelay, cancellationToken);
                }

                var count = wav.Read(offset, buffer.AsSpan(0, (int)Math.Min(chunkSize, limit - offset)));
                await response.Body.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
                if (faults.TrickleAudio)
                {
                    // Each kilobyte on the wire as it is written, not held back in Kestrel's buffer.
                    await response.Body.FlushAsync(cancellationToken);
                }

                offset += count;
            }

            if (stall)
            {
                // The connection stays open and says nothing more, until the client gives up on it.
                await response.Body.FlushAsync(cancellationToken);
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            if (cut)
            {
                await response.Body.FlushAsync(cancellationToken);
                context.Abort();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
