using System.Security.Cryptography;
using System.Text;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.MusicApi;

public sealed class WebhookSecretsTests
{
    private static readonly Guid CorrelationId = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");

    [Fact]
    public void Secret_is_lowercase_hex_of_hmac_sha256_of_the_correlation_id_under_the_master_key()
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("master-key-one"));
        var expected = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes("3f2504e0-4f89-11d3-9a0c-0305e82c3301"))).ToLowerInvariant();

        Assert.Equal(expected, WebhookSecrets.Derive("master-key-one", CorrelationId));
    }

    [Fact]
    public void Secret_matches_a_value_computed_outside_dotnet()
    {
        // printf %s 3f2504e0-4f89-11d3-9a0c-0305e82c3301 | openssl dgst -sha256 -hmac master-key-one
        Assert.Equal(
            "abc0a9fbe34720e389f3a6980cdb948b958355be108cd685c365e4e59ce9d5a5",
            WebhookSecrets.Derive("master-key-one", CorrelationId));
    }

    [Fact]
    public void Each_task_and_each_master_key_get_a_secret_of_their_own()
    {
        var secret = WebhookSecrets.Derive("master-key-one", CorrelationId);

        Assert.NotEqual(secret, WebhookSecrets.Derive("master-key-one", Guid.NewGuid()));
        Assert.NotEqual(secret, WebhookSecrets.Derive("master-key-two", CorrelationId));
    }
}
