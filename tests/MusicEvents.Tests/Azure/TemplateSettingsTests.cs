using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MusicEvents.Core.Hosting;
using MusicEvents.Core.Messaging;
using NSubstitute;

namespace MusicEvents.Tests.Azure;

/// <summary>
/// The app settings infra/azure sets, read from `bicep snapshot` of the deployment: every option the
/// app validates at start is there with a value that passes, and nothing only development may use.
/// </summary>
public sealed partial class TemplateSettingsTests
{
    /// <summary>Development only: the local sandbox on loopback (ArchiveOptions refuses it elsewhere).</summary>
    private const string DevelopmentOnly = "Archive__PrivateNetworkHosts__0";

    private readonly DeploymentSnapshot deployment = DeploymentSnapshot.Load("settings");

    [Fact]
    public void Every_option_the_app_binds_is_set_by_the_template()
    {
        var settings = deployment.AppSettings;
        var expected = AppSettingsConfiguration.OptionsTypes()
            .SelectMany(o => AppSettingsConfiguration.Keys(o.Type, o.Section))
            .Select(k => k.Key)
            .Where(k => k != DevelopmentOnly)
            .ToList();

        Assert.NotEmpty(expected);
        var missing = expected.Where(k => !settings.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"Not set by infra/azure: {string.Join(", ", missing)}");
    }

    [Fact]
    public void No_setting_of_an_options_section_names_an_option_that_does_not_exist()
    {
        var known = AppSettingsConfiguration.OptionsTypes()
            .SelectMany(o => AppSettingsConfiguration.Keys(o.Type, o.Section))
            .Select(k => k.Key.EndsWith("__0", StringComparison.Ordinal) ? k.Key[..^3] : k.Key)
            .ToHashSet(StringComparer.Ordinal);
        var sections = AppSettingsConfiguration.OptionsTypes().Select(o => o.Section + "__").ToList();

        var unknown = deployment.AppSettings.Keys
            .Where(k => sections.Any(s => k.StartsWith(s, StringComparison.Ordinal)))
            .Where(k => !known.Contains(ListKey().Replace(k, "")))
            .ToList();

        Assert.True(unknown.Count == 0, $"Set by infra/azure but bound to nothing: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_settings_pass_the_apps_own_validation_in_production()
    {
        var configuration = AppSettingsConfiguration.Resolve(deployment);
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(Environments.Production);
        var services = new ServiceCollection().AddLogging().AddSingleton(environment);
        services.AddMusicEvents(configuration);
        using var provider = services.BuildServiceProvider();

        foreach (var (type, _) in AppSettingsConfiguration.OptionsTypes())
        {
            // Reading Value runs the same validation ValidateOnStart runs when the host starts.
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            Assert.NotNull(options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options));
        }

        Assert.Equal(MessagingTransport.RabbitMq, Enum.Parse<MessagingTransport>(configuration["Messaging:Transport"]!));
        Assert.StartsWith("amqps://", configuration.GetConnectionString("RabbitMq"), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_is_reached_by_the_apps_identity_with_no_connection_string_or_key()
    {
        var settings = deployment.AppSettings;

        Assert.True(StorageConnection.From(AppSettingsConfiguration.Resolve(deployment)).UsesIdentity);
        Assert.False(settings.ContainsKey(StorageConnection.SettingName));
        Assert.False(settings.ContainsKey("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"));
        Assert.Equal("false", deployment.Single("Microsoft.Storage/storageAccounts").GetProperty("properties").GetProperty("allowSharedKeyAccess").ToString(), ignoreCase: true);
        Assert.All(settings.Values, v => Assert.DoesNotContain("AccountKey=", v, StringComparison.OrdinalIgnoreCase));
        Assert.All(settings.Values, v => Assert.DoesNotContain("listKeys(", v, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Nothing_only_development_may_use_is_set()
    {
        Assert.DoesNotContain(deployment.AppSettings.Keys, k => k.StartsWith("Archive__PrivateNetworkHosts", StringComparison.Ordinal));
        Assert.DoesNotContain(deployment.AppSettings.Keys, k => k.StartsWith("DevHost__", StringComparison.Ordinal));
    }

    [Fact]
    public void The_webhook_url_is_the_apps_own_host_name_and_the_allowed_hosts_come_from_the_parameter()
    {
        var settings = deployment.AppSettings;

        Assert.Matches(@"^\[format\('https://\{0\}/api/webhooks/musicapi', reference\(.*Microsoft\.Web/sites/func-[a-z0-9]+'.*\)\.defaultHostName\)\]$", settings["MusicApi__WebhookUrl"]);
        Assert.Equal("cdn.example.net", settings["Archive__AllowedHosts__0"]);
        Assert.Equal("cdn2.example.net", settings["Archive__AllowedHosts__1"]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"__\d+$")]
    private static partial System.Text.RegularExpressions.Regex ListKey();
}
