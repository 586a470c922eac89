using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MusicEvents.Core.Hosting;

namespace MusicEvents.Tests.Hosting;

public sealed class ServiceHealthHttpHandlerTests
{
    [Theory]
    [InlineData(HealthStatus.Healthy, 200)]
    [InlineData(HealthStatus.Degraded, 503)]
    [InlineData(HealthStatus.Unhealthy, 503)]
    public async Task The_answer_is_200_only_when_every_check_is_healthy(HealthStatus bus, int expected)
    {
        var (status, body) = await ReportAsync(("bus", bus), ("storage", HealthStatus.Healthy));

        Assert.Equal(expected, status);
        Assert.Equal(bus.ToString(), body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Each_check_is_named_with_its_status_and_description()
    {
        var (_, body) = await ReportAsync(("storage", HealthStatus.Unhealthy), ("bus", HealthStatus.Healthy));

        var checks = body.GetProperty("checks").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.GetProperty("status").GetString(), c.GetProperty("description").GetString()))
            .ToList();
        Assert.Equal([("bus", "Healthy", "bus said Healthy"), ("storage", "Unhealthy", "storage said Unhealthy")], checks);
    }

    private static async Task<(int Status, JsonElement Body)> ReportAsync(params (string Name, HealthStatus Status)[] checks)
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddHealthChecks();
        foreach (var (name, status) in checks)
        {
            builder.AddCheck(name, () => new HealthCheckResult(status, $"{name} said {status}"));
        }

        services.AddScoped<ServiceHealthHttpHandler>();
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Response.Body = new MemoryStream();

        var result = await provider.GetRequiredService<ServiceHealthHttpHandler>().ReportAsync(CancellationToken.None);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone());
    }
}
