using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Core.Webhooks;

/// <summary>
/// Checks <c>X-Webhook-Signature: sha256=hex(HMAC-SHA256(secret, "&lt;timestamp&gt;." + raw body))</c>
/// under the task's secret derived from every configured master key (two during a rotation),
/// in constant time, and the timestamp within <see cref="Tolerance"/> of now either way.
/// </summary>
public sealed class WebhookSignatureVerifier(IOptions<MusicApiOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string Prefix = "sha256=";

    public SignatureCheck Verify(Guid correlationId, string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.MalformedTimestamp;
        }

        if (!signature.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || signature.Length != Prefix.Length + 64
            || !TryFromHex(signature.AsSpan(Prefix.Length), out var claimed))
        {
            return SignatureCheck.MalformedSignature;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > Tolerance)
        {
            return SignatureCheck.StaleTimestamp;
        }

        var signed = Signed(timestamp, body);
        var matched = false;
        foreach (var masterKey in options.Value.WebhookMasterKeys)
        {
            var secret = Encoding.UTF8.GetBytes(WebhookSecrets.Derive(masterKey, correlationId));
            // Every key is tried, match or not, so the time taken says nothing about which one matched.
            matched |= CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, signed), claimed);
        }

        return matched ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The bytes that are signed: the timestamp, a dot, then the body exactly as received.</summary>
    public static byte[] Signed(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return signed;
    }

    private static bool TryFromHex(ReadOnlySpan<char> hex, out byte[] bytes)
    {
        bytes = new byte[hex.Length / 2];
        return Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == bytes.Length;
    }
}
