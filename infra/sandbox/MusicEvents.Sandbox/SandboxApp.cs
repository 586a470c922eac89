using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MusicEvents.Sandbox;

/// <summary>
/// Builds the sandbox, for its own process (Program.cs) and in-process for tests, which pass
/// <c>--urls http://127.0.0.1:0</c> and read the bound address after StartAsync.
/// </summary>
public static class SandboxApp
{
    public static WebApplication Create(string[] args, Action<SandboxOptions>? configure = null) =>
        Create(args, configure, static _ => { });

    /// <summary>As <see cref="Create(string[], Action{SandboxOptions}?)"/>, with a last say on services (e.g. a fake TimeProvider).</summary>
    public static WebApplication Create(string[] args, Action<SandboxOptions>? configure, Action<IServiceCollection> configureServices)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SandboxApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // In tests the sandbox runs from another project's output folder: its appsettings are not ours.
        foreach (var source in builder.Configuration.Sources.OfType<JsonConfigurationSource>().ToList())
        {
            builder.Configuration.Sources.Remove(source);
        }

        // As the DevHost's log reads: a UTC timestamp on every line, one line an entry.
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        AddSandbox(builder.Services, configure);
        configureServices(builder.Services);
        return builder.Build().MapSandbox();
    }

    private static void AddSandbox(IServiceCollection services, Action<SandboxOptions>? configure)
    {
        // Sandbox__ApiKey, Sandbox__CompletionDelay (00:00:02), Sandbox__InitialCredits, Sandbox__PublicBaseUrl,
        // Sandbox__SampleRate, Sandbox__FailAllTasks, Sandbox__WebhookRetries, Sandbox__WebhookRetryDelay, Sandbox__WebhookTimeout
        var options = services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json => SandboxJson.Apply(json.SerializerOptions));
        services.AddHttpClient(WebhookSender.ClientName, (provider, client) =>
            client.Timeout = provider.GetRequiredService<IOptions<SandboxOptions>>().Value.WebhookTimeout);

        services.AddSingleton<SandboxState>();
        services.AddSingleton<CompletionScheduler>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<TaskFinisher>();
        services.AddHostedService<TaskCompletionWorker>();
    }
}
