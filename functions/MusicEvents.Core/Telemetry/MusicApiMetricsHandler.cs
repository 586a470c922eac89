namespace MusicEvents.Core.Telemetry;

/// <summary>Times every attempt of a MusicAPI call (it sits inside the retries), by operation and status code.</summary>
public sealed class MusicApiMetricsHandler(MusicEventsMetrics metrics, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = request.RequestUri?.AbsolutePath switch
        {
            { } path when path.EndsWith("/producer/create", StringComparison.Ordinal) => "create",
            { } path when path.Contains("/producer/task/", StringComparison.Ordinal) => "poll",
            _ => "other",
        };
        var started = time.GetTimestamp();
        int? status = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            metrics.MusicApiCall(operation, status, time.GetElapsedTime(started));
        }
    }
}
