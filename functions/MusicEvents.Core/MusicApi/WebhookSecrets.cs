using System.Security.Cryptography;
using System.Text;

namespace MusicEvents.Core.MusicApi;

/// <summary>
/// Every task gets its own webhook secret, derived from a master key and the correlation id,
/// so that no secret is stored and one leaked secret forges nothing for other tasks.
/// </summary>
public static class WebhookSecrets
{
    public static string Derive(string masterKey, Guid correlationId)
    {
        var mac = HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(masterKey),
            Encoding.UTF8.GetBytes(correlationId.ToString("D")));
        return Convert.ToHexStringLower(mac);
    }
}
