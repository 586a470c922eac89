using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;

namespace MusicEvents.DevHost;

/// <summary>
/// Function-level auth as the Functions host applies it: the key in <c>x-functions-key</c> or
/// <c>?code=</c>. Checked only when DevHost:FunctionKey is set, so a local run stays keyless.
/// </summary>
public sealed class FunctionKeyCheck(IConfiguration configuration)
{
    private readonly byte[]? key = configuration["DevHost:FunctionKey"] is { Length: > 0 } k ? Encoding.UTF8.GetBytes(k) : null;

    public bool Allows(AuthorizationLevel level, HttpRequest request)
    {
        if (key is null || level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), key);
    }
}
