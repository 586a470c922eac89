using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>An in-memory exporter: every span the in-process DevHost (and the sandbox beside it) finished, safe to read while spans arrive.</summary>
public sealed class SpanCollector : BaseExporter<Activity>
{
    private readonly ConcurrentQueue<Activity> spans = new();

    public IReadOnlyList<Activity> Spans => [.. spans];

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            spans.Enqueue(span);
        }

        return ExportResult.Success;
    }
}
