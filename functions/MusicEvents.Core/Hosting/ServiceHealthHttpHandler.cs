using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MusicEvents.Core.Hosting;

/// <summary>
/// GET /api/health: every registered check (MassTransit's bus and endpoints, <see cref="StorageHealthCheck"/>),
/// 200 when all are healthy, 503 otherwise (degraded included: a bus that is reconnecting consumes nothing),
/// with each check's name, status and description as JSON.
/// </summary>
public sealed class ServiceHealthHttpHandler(HealthCheckService health)
{
    public async Task<IResult> ReportAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var body = new ServiceHealthReport(
            report.Status.ToString(),
            [.. report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new ServiceHealthCheck(e.Key, e.Value.Status.ToString(), e.Value.Description))]);
        return Results.Json(body, JsonBody.Options, statusCode: StatusCodeOf(report.Status));
    }

    /// <summary>Only healthy is 200, for Azure's probes and the DevHost alike.</summary>
    public static int StatusCodeOf(HealthStatus status) =>
        status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
}
