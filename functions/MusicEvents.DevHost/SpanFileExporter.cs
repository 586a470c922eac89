using System.Diagnostics;
using System.Text.Json;
using MusicEvents.Core.Telemetry;
using OpenTelemetry;

namespace MusicEvents.DevHost;

/// <summary>
/// Writes every finished span as one JSON line to <c>DevHost:SpanFile</c>, so that <c>./dev demo</c>
/// can show where a flow's time went without a collector. A development aid: the DevHost is never deployed.
/// </summary>
public sealed class SpanFileExporter(string path) : BaseExporter<Activity>
{
    private readonly Lock gate = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        var lines = new List<string>();
        foreach (var span in batch)
        {
            lines.Add(JsonSerializer.Serialize(new
            {
                traceId = span.TraceId.ToHexString(),
                spanId = span.SpanId.ToHexString(),
                parentSpanId = span.ParentSpanId == default ? null : span.ParentSpanId.ToHexString(),
                name = span.DisplayName,
                source = span.Source.Name,
                kind = span.Kind.ToString(),
                startUnixMs = (span.StartTimeUtc - DateTime.UnixEpoch).TotalMilliseconds,
                durationMs = span.Duration.TotalMilliseconds,
                correlationId = span.GetTagItem(FlowTrace.CorrelationIdTag) as string,
                taskId = span.GetTagItem(FlowTrace.TaskIdTag) as string,

                // Without the query: a signed audio URL's token has no business in a file.
                url = span.GetTagItem("url.full") is string url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : null,
                links = span.Links.Select(l => l.Context.TraceId.ToHexString()).ToArray(),
            }));
        }

        lock (gate)
        {
            File.AppendAllLines(path, lines);
        }

        return ExportResult.Success;
    }
}
