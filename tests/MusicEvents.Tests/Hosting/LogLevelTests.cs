using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using MusicEvents.DevHost;

namespace MusicEvents.Tests.Hosting;

/// <summary>The DevHost as started, with its own appsettings.json: what a person reads in its log.</summary>
public sealed class LogLevelTests : IAsyncLifetime
{
    private WebApplication app = null!;

    public Task InitializeAsync()
    {
        app = DevHostApp.Create(["--AzureWebJobsStorage=UseDevelopmentStorage=true", "--Messaging:Transport=InMemory"]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("Azure.Core")]
    [InlineData("Azure.Storage.Blobs")]
    [InlineData("Azure.Data.Tables")]
    [InlineData("System.Net.Http.HttpClient.MusicApiClient.LogicalHandler")]
    [InlineData("Polly")]
    public void The_SDKs_per_request_lines_are_not_logged_at_Information(string category)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information), $"{category} logs at Information");
        Assert.True(logger.IsEnabled(LogLevel.Error), $"{category} hides its errors");
    }

    [Fact]
    public void The_Azure_SDKs_own_warnings_still_show()
    {
        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Azure.Storage.Blobs").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void MusicEvents_own_lines_are_logged_at_Information()
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MusicEvents.Core.Submission.TrackSubmitter");

        Assert.True(logger.IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void Every_line_starts_with_a_UTC_timestamp()
    {
        var console = app.Services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue;

        Assert.True(console.SingleLine, "a multi-line entry has no timestamp on its second line");
        Assert.True(console.UseUtcTimestamp);
        Assert.False(string.IsNullOrWhiteSpace(console.TimestampFormat));
    }

    [Fact]
    public void The_Functions_host_keeps_the_Azure_SDKs_request_lines_at_Warning_or_above()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var levels = hostJson.RootElement.GetProperty("logging").GetProperty("logLevel");

        foreach (var category in new[] { "Azure", "Azure.Core" })
        {
            var level = Enum.Parse<LogLevel>(levels.GetProperty(category).GetString()!);
            Assert.True(level >= LogLevel.Warning, $"host.json logs {category} at {level}");
        }
    }
}
