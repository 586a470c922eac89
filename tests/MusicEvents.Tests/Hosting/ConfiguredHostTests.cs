using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.Hosting;

public sealed class ConfiguredHostTests
{
    private static readonly string MasterKey = new string('7', 31) + new string('e', 33);

    [Fact]
    public void A_refused_registration_prints_one_line_per_problem_and_exits_1()
    {
        using var error = new StringWriter();

        var exitCode = ConfiguredHost.Run(() => throw new ConfigurationRefusedException(["A:B is wrong.", "C:D is missing."]), error);

        Assert.Equal(1, exitCode);
        Assert.Equal(["Configuration refused: A:B is wrong.", "Configuration refused: C:D is missing."], Lines(error));
    }

    [Fact]
    public void Options_refused_at_start_are_printed_by_key_before_anything_runs()
    {
        using var error = new StringWriter();

        var exitCode = ConfiguredHost.Run(
            () => Host(
                ("MusicApi:BaseUrl", "http://musicapi.test"),
                ("MusicApi:WebhookUrl", "http://musicevents.test/api/webhooks/musicapi"),
                ("MusicApi:WebhookMasterKeys:0", WebhookMasterKeyRules.SamplePlaceholder),
                ("Reconciliation:Schedule", "every five minutes")),
            error);

        Assert.Equal(1, exitCode);
        var lines = Lines(error);
        Assert.All(lines, line => Assert.StartsWith("Configuration refused: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("MusicApi:ApiKey", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("MusicApi:WebhookMasterKeys:0", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Reconciliation:Schedule", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(" at ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_the_binder_cannot_convert_is_printed_with_its_key()
    {
        using var error = new StringWriter();

        var exitCode = ConfiguredHost.Run(
            () => Host(
                ("MusicApi:BaseUrl", "http://musicapi.test"), ("MusicApi:ApiKey", "k"),
                ("MusicApi:WebhookUrl", "http://musicevents.test/api/webhooks/musicapi"), ("MusicApi:WebhookMasterKeys:0", MasterKey),
                ("MusicApi:CreateTimeout", "thirty seconds"), ("Reconciliation:Schedule", "0 */1 * * * *")),
            error);

        Assert.Equal(1, exitCode);
        Assert.Contains("MusicApi:CreateTimeout", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_that_is_not_about_configuration_keeps_its_exception()
    {
        using var error = new StringWriter();

        Assert.Throws<NullReferenceException>(() => ConfiguredHost.Run(() => throw new NullReferenceException(), error));
        Assert.Empty(error.ToString());
    }

    [Theory]
    [InlineData("0 */1 * * * *")]
    [InlineData("*/15 * * * * *")]
    [InlineData("00:05:00")]
    [InlineData("1.00:00:00")]
    public void A_schedule_the_timer_can_read_is_accepted(string schedule)
    {
        Assert.NotNull(TimerSchedule.TryParse(schedule));
    }

    [Theory]
    [InlineData("every five minutes")]
    [InlineData("0 */1 * * *")]
    [InlineData("00:00:00")]
    [InlineData("")]
    public void A_schedule_the_timer_cannot_read_is_refused(string schedule)
    {
        Assert.Null(TimerSchedule.TryParse(schedule));
    }

    private static IHost Host(params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddMusicApi(builder.Configuration);
        builder.Services.AddReconciliation(builder.Configuration);
        return builder.Build();
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
