using System.Collections.Concurrent;
using System.Text;
using System.Web;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MusicEvents.IntegrationTests.Archive;

/// <summary>
/// Spoils one Put Block of the blob client it is added to (per call, so the SDK does not retry it):
/// <see cref="Busy"/> fails it before it is sent with the 503 Blob Storage answers when busy;
/// <see cref="Damaging"/> sends it to Azurite with one byte of the block changed, as a network
/// fault would. Every other request goes through as it is. Records each Put Block's attempt (its
/// block id before the "-index") and each commit.
/// </summary>
internal sealed class StageFaultPolicy : HttpPipelinePolicy
{
    private readonly int faultyStage;
    private readonly bool damaging;
    private int stages;

    private StageFaultPolicy(int faultyStage, bool damaging)
    {
        this.faultyStage = faultyStage;
        this.damaging = damaging;
    }

    /// <summary>"stage {attempt}", "spoilt {attempt}" and "commit", in the order they were sent.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static StageFaultPolicy Busy(int faultyStage) => new(faultyStage, damaging: false);

    public static StageFaultPolicy Damaging(int faultyStage) => new(faultyStage, damaging: true);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Spoils(message))
        {
            if (!damaging)
            {
                throw new RequestFailedException(503, "The server is busy (failed by the test).");
            }

            using var body = new MemoryStream();
            await message.Request.Content!.WriteToAsync(body, message.CancellationToken);
            var bytes = body.ToArray();
            bytes[bytes.Length / 2] ^= 0xFF;
            message.Request.Content = RequestContent.Create(bytes);
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The archive stages asynchronously.");

    private bool Spoils(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Put)
        {
            return false;
        }

        var query = HttpUtility.ParseQueryString(message.Request.Uri.Query);
        switch (query["comp"])
        {
            case "block":
                var attempt = Encoding.ASCII.GetString(Convert.FromBase64String(query["blockid"]!)).Split('-')[0];
                var spoilt = Interlocked.Increment(ref stages) == faultyStage;
                Requests.Enqueue($"{(spoilt ? "spoilt" : "stage")} {attempt}");
                return spoilt;
            case "blocklist":
                Requests.Enqueue("commit");
                return false;
            default:
                return false;
        }
    }
}
