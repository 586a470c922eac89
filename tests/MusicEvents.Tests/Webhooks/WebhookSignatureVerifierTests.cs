using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MusicEvents.Core.MusicApi;
using MusicEvents.Core.Webhooks;

namespace MusicEvents.Tests.Webhooks;

public sealed class WebhookSignatureVerifierTests
{
    private const string OldKey = "master-key-one";
    private const string NewKey = "master-key-two";
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid CorrelationId = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    private static readonly byte[] Body = """{"task_id":"t-1","event":"song.completed"}"""u8.ToArray();

    [Fact]
    public void Correct_signature_is_valid()
    {
        var timestamp = Timestamp(TimeSpan.Zero);

        var check = Verifier(OldKey).Verify(CorrelationId, timestamp, Sign(OldKey, CorrelationId, timestamp, Body), Body);

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void Known_test_vector_computed_outside_dotnet_is_valid()
    {
        // openssl dgst -sha256 -hmac <derived secret> over "1777636800." + Body.
        const string signature = "sha256=eb6c6950f8dcf9c531cf5c509d355930f273894bcab0b653e7e95a7927883af6";

        var check = Verifier(OldKey).Verify(CorrelationId, "1777636800", signature, Body);

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void Uppercase_prefix_is_accepted()
    {
        var timestamp = Timestamp(TimeSpan.Zero);
        var signature = "SHA256=" + Sign(OldKey, CorrelationId, timestamp, Body)["sha256=".Length..];

        Assert.Equal(SignatureCheck.Valid, Verifier(OldKey).Verify(CorrelationId, timestamp, signature, Body));
    }

    [Fact]
    public void Body_changed_by_one_byte_is_a_mismatch()
    {
        var timestamp = Timestamp(TimeSpan.Zero);
        var signature = Sign(OldKey, CorrelationId, timestamp, Body);
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 0x01;

        Assert.Equal(SignatureCheck.Mismatch, Verifier(OldKey).Verify(CorrelationId, timestamp, signature, tampered));
    }

    [Fact]
    public void Signature_made_for_another_correlation_id_is_a_mismatch()
    {
        var timestamp = Timestamp(TimeSpan.Zero);
        var signature = Sign(OldKey, Guid.NewGuid(), timestamp, Body);

        Assert.Equal(SignatureCheck.Mismatch, Verifier(OldKey).Verify(CorrelationId, timestamp, signature, Body));
    }

    [Fact]
    public void Timestamp_other_than_the_signed_one_is_a_mismatch()
    {
        var signature = Sign(OldKey, CorrelationId, Timestamp(TimeSpan.Zero), Body);

        var check = Verifier(OldKey).Verify(CorrelationId, Timestamp(TimeSpan.FromSeconds(-1)), signature, Body);

        Assert.Equal(SignatureCheck.Mismatch, check);
    }

    [Theory]
    [InlineData(OldKey)]
    [InlineData(NewKey)]
    public void Delivery_signed_with_either_key_during_a_rotation_is_valid(string signingKey)
    {
        var timestamp = Timestamp(TimeSpan.Zero);

        var check = Verifier(OldKey, NewKey).Verify(CorrelationId, timestamp, Sign(signingKey, CorrelationId, timestamp, Body), Body);

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void Delivery_signed_with_a_key_not_configured_is_a_mismatch()
    {
        var timestamp = Timestamp(TimeSpan.Zero);

        var check = Verifier(OldKey, NewKey).Verify(CorrelationId, timestamp, Sign("retired-key", CorrelationId, timestamp, Body), Body);

        Assert.Equal(SignatureCheck.Mismatch, check);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Timestamp_exactly_five_minutes_away_is_accepted(int offsetSeconds)
    {
        var timestamp = Timestamp(TimeSpan.FromSeconds(offsetSeconds));

        var check = Verifier(OldKey).Verify(CorrelationId, timestamp, Sign(OldKey, CorrelationId, timestamp, Body), Body);

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Timestamp_more_than_five_minutes_away_is_stale(int offsetSeconds)
    {
        var timestamp = Timestamp(TimeSpan.FromSeconds(offsetSeconds));

        var check = Verifier(OldKey).Verify(CorrelationId, timestamp, Sign(OldKey, CorrelationId, timestamp, Body), Body);

        Assert.Equal(SignatureCheck.StaleTimestamp, check);
    }

    [Theory]
    [InlineData(null, "sha256=00")]
    [InlineData("", "sha256=00")]
    [InlineData("1777636800", null)]
    [InlineData("1777636800", "")]
    [InlineData(null, null)]
    public void Missing_timestamp_or_signature_is_reported_as_missing_headers(string? timestamp, string? signature)
    {
        Assert.Equal(SignatureCheck.MissingHeaders, Verifier(OldKey).Verify(CorrelationId, timestamp, signature, Body));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1777636800")]
    [InlineData("1777636800.5")]
    [InlineData(" 1777636800")]
    [InlineData("99999999999999999999")]
    public void Timestamp_that_is_not_unix_seconds_is_malformed(string timestamp)
    {
        var signature = Sign(OldKey, CorrelationId, timestamp, Body);

        Assert.Equal(SignatureCheck.MalformedTimestamp, Verifier(OldKey).Verify(CorrelationId, timestamp, signature, Body));
    }

    [Theory]
    [InlineData("sha256=zz6c6950f8dcf9c531cf5c509d355930f273894bcab0b653e7e95a7927883af6")]
    [InlineData("sha256=eb6c6950f8dcf9c531cf5c509d355930f273894bcab0b653e7e95a7927883a")]
    [InlineData("sha256=eb6c6950f8dcf9c531cf5c509d355930f273894bcab0b653e7e95a7927883af600")]
    [InlineData("eb6c6950f8dcf9c531cf5c509d355930f273894bcab0b653e7e95a7927883af6")]
    [InlineData("sha1=eb6c6950f8dcf9c531cf5c509d355930f273894bcab0b653e7e95a7927883af6")]
    [InlineData("sha256=")]
    public void Signature_that_is_not_sha256_hex_of_the_right_length_is_malformed(string signature)
    {
        Assert.Equal(SignatureCheck.MalformedSignature, Verifier(OldKey).Verify(CorrelationId, "1777636800", signature, Body));
    }

    private static WebhookSignatureVerifier Verifier(params string[] masterKeys) =>
        new(Options.Create(new MusicApiOptions { WebhookMasterKeys = masterKeys }), new FakeTimeProvider(Now));

    private static string Timestamp(TimeSpan offset) =>
        (Now + offset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Signs as musicapi.md describes, without the verifier's own helpers.</summary>
    private static string Sign(string masterKey, Guid correlationId, string timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(WebhookSecrets.Derive(masterKey, correlationId)));
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return "sha256=" + Convert.ToHexString(hmac.ComputeHash(signed)).ToLowerInvariant();
    }
}
