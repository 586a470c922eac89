namespace MusicEvents.Core.Hosting;

/// <summary>One check of GET /api/health: "masstransit-bus", "storage"…, its status and what it said.</summary>
public sealed record ServiceHealthCheck(string Name, string Status, string? Description);
