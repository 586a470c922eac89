using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MusicEvents.Sandbox;

/// <summary>Every /api/v1 call needs <c>Authorization: Bearer &lt;ApiKey&gt;</c>; the key is never logged.</summary>
internal sealed class BearerKeyFilter(
    IOptions<SandboxOptions> options,
    SandboxState state,
    TimeProvider time,
    ILogger<BearerKeyFilter> logger) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var problem = Check(request.Headers.Authorization.ToString());
        if (problem is null)
        {
            return await next(context);
        }

        logger.LogWarning("Rejected {Method} {Path}: {Problem}", request.Method, request.Path, problem);

        // The only POST under /api/v1 is create, and /sandbox/calls must show rejected creates too.
        if (HttpMethods.IsPost(request.Method))
        {
            state.Record(new CreateCall(time.GetUtcNow(), null, null, null, StatusCodes.Status401Unauthorized, null));
        }

        return new ApiError(StatusCodes.Status401Unauthorized, problem).ToResult();
    }

    private string? Check(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return "missing Authorization header.";
        }

        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || header.Length == Scheme.Length)
        {
            return "malformed Authorization header; expected 'Bearer <api key>'.";
        }

        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(options.Value.ApiKey);
        return CryptographicOperations.FixedTimeEquals(presented, expected) ? null : "invalid api key.";
    }
}
