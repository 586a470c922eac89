using System.Security.Cryptography;
using System.Text;

namespace MusicEvents.Sandbox;

/// <summary>musicapi.md's scheme: <c>sha256=hex(HMAC-SHA256(secret, "&lt;timestamp&gt;." + raw body))</c>.</summary>
public static class WebhookSigner
{
    public const string Prefix = "sha256=";

    // Stands in for MusicAPI's own default secret, which customers cannot see either.
    internal const string DefaultSecret = "sandbox-default-webhook-secret-not-for-customers";

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }
}
