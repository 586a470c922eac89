using Microsoft.Extensions.Options;

namespace MusicEvents.Sandbox;

/// <summary>Stops the host at start with the offending key in the message.</summary>
internal sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add("Sandbox:ApiKey is required.");
        }

        if (options.CompletionDelay < TimeSpan.Zero)
        {
            failures.Add("Sandbox:CompletionDelay must not be negative.");
        }

        if (options.InitialCredits < 0)
        {
            failures.Add("Sandbox:InitialCredits must not be negative.");
        }

        if (options.SampleRate is < 1000 or > 192_000)
        {
            failures.Add("Sandbox:SampleRate must be between 1000 and 192000.");
        }

        if (options.PublicBaseUrl is { } baseUrl
            && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add("Sandbox:PublicBaseUrl must be an absolute http(s) URL.");
        }

        if (options.WebhookRetries < 0 || options.WebhookRetryDelay < TimeSpan.Zero)
        {
            failures.Add("Sandbox:WebhookRetries and Sandbox:WebhookRetryDelay must not be negative.");
        }

        if (options.WebhookTimeout <= TimeSpan.Zero)
        {
            failures.Add("Sandbox:WebhookTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
