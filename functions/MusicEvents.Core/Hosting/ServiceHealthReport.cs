namespace MusicEvents.Core.Hosting;

/// <summary>The body of GET /api/health: the overall status and every check.</summary>
public sealed record ServiceHealthReport(string Status, IReadOnlyList<ServiceHealthCheck> Checks);
