using System.Diagnostics;
using System.Text.Json;
using MusicEvents.Core.Telemetry;
using MusicEvents.DevHost;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace MusicEvents.Tests.DevHost;

public sealed class SpanFileExporterTests
{
    [Fact]
    public void Each_finished_span_is_one_JSON_line_with_its_trace_timing_and_flow_keys()
    {
        var path = Path.Combine(Path.GetTempPath(), $"spans-{Guid.NewGuid():N}.jsonl");
        using var source = new ActivitySource($"test-{Guid.NewGuid():N}");
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(source.Name)
            .AddProcessor(new SimpleActivityExportProcessor(new SpanFileExporter(path))).Build())
        {
            using var span = source.StartActivity("webhook delivery");
            FlowTrace.Tag(span, Guid.Parse("6f1c0a52-3c0e-4d43-9a55-0d7a1d2f4b10"), "t-1");
        }

        var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(path))).RootElement;
        File.Delete(path);
        Assert.Equal("webhook delivery", line.GetProperty("name").GetString());
        Assert.Equal(32, line.GetProperty("traceId").GetString()!.Length);
        Assert.Equal("6f1c0a52-3c0e-4d43-9a55-0d7a1d2f4b10", line.GetProperty("correlationId").GetString());
        Assert.Equal("t-1", line.GetProperty("taskId").GetString());
        Assert.InRange(line.GetProperty("startUnixMs").GetDouble(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.True(line.GetProperty("durationMs").GetDouble() >= 0);
    }
}
