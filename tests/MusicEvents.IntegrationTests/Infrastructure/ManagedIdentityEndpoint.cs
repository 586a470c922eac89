using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MusicEvents.IntegrationTests.Infrastructure;

/// <summary>
/// What App Service gives a process with a managed identity: an endpoint named by IDENTITY_ENDPOINT
/// that hands out tokens to callers showing IDENTITY_HEADER (the protocol Azure.Identity's
/// ManagedIdentityCredential speaks there). Its tokens are unsigned JWTs for storage, which the
/// OAuth Azurite accepts; a process given <see cref="Environment"/> authenticates as in Azure.
/// </summary>
public sealed class ManagedIdentityEndpoint : IAsyncDisposable
{
    private const string TenantId = "72f988bf-0000-4000-8000-00000000abcd";
    private readonly string secret = Guid.NewGuid().ToString("N");
    private readonly WebApplication app;
    private int tokensIssued;

    private ManagedIdentityEndpoint(WebApplication app) => this.app = app;

    public int TokensIssued => Volatile.Read(ref tokensIssued);

    /// <summary>The variables App Service sets for a process with an identity.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["IDENTITY_ENDPOINT"] = new Uri(BoundAddress(), "/msi/token").ToString(),
        ["IDENTITY_HEADER"] = secret,
    };

    public static async Task<ManagedIdentityEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var endpoint = new ManagedIdentityEndpoint(app);
        app.MapGet("/msi/token", (HttpRequest request) => endpoint.Issue(request));
        await app.StartAsync();
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private IResult Issue(HttpRequest request)
    {
        if (request.Headers["X-IDENTITY-HEADER"] != secret)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        Interlocked.Increment(ref tokensIssued);
        var resource = request.Query["resource"].ToString();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var expires = now + 3600;
        var token = string.Join('.', Base64Url(new { alg = "none", typ = "JWT" }), Base64Url(new
        {
            aud = resource.TrimEnd('/'),
            iss = $"https://sts.windows.net/{TenantId}/",
            tid = TenantId,
            oid = "00000000-0000-4000-8000-000000000001",
            iat = now - 60,
            nbf = now - 60,
            exp = expires,
        }), "unsigned");
        return Results.Json(new Dictionary<string, string>
        {
            ["access_token"] = token,
            ["expires_on"] = $"{expires}",
            ["resource"] = resource,
            ["token_type"] = "Bearer",
        });
    }

    private static string Base64Url(object part) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(part))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private Uri BoundAddress() =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
}
