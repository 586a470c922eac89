using System.Security.Cryptography;
using System.Text.Json;
using MusicEvents.Core.MusicApi;

namespace MusicEvents.Tests.Hosting;

public sealed class WebhookMasterKeyRulesTests
{
    private static readonly string Hex32 = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private static readonly string Base64Of32 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Keys_from_openssl_rand_32_are_accepted_in_hex_and_base64()
    {
        Assert.True(Validate(Hex32, Base64Of32).Succeeded);
    }

    [Fact]
    public void The_sample_files_placeholder_is_refused_by_its_setting()
    {
        var result = Validate(Hex32, WebhookMasterKeyRules.SamplePlaceholder);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("MusicApi:WebhookMasterKeys:1 is the sample file's placeholder", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_placeholder_checked_is_the_one_in_the_sample_settings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(RepositoryFile("local.settings.sample.json")));

        Assert.Equal(WebhookMasterKeyRules.SamplePlaceholder, sample.RootElement.GetProperty("Values").GetProperty("MusicApi__WebhookMasterKeys__0").GetString());
    }

    [Theory]
    [InlineData("master")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("short-but-not-hex-and-not-long-enough-42-c")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_key_with_less_than_32_bytes_of_entropy_is_refused_without_showing_it(string key)
    {
        var failure = Assert.Single(Validate(key).Failures!);

        Assert.StartsWith("MusicApi:WebhookMasterKeys:0 must carry at least 32 bytes of entropy", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(64, 32)]
    [InlineData(63, 31)]
    public void Hex_counts_four_bits_a_digit(int digits, int bytes)
    {
        Assert.Equal(bytes, WebhookMasterKeyRules.EntropyBytes(Hex32.PadRight(64, 'f')[..digits]));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(params string[] keys) =>
        new WebhookMasterKeyRules().Validate(null, new MusicApiOptions { WebhookMasterKeys = keys });

    private static string RepositoryFile(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, name)))
            {
                return Path.Combine(directory.FullName, name);
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory}");
    }
}
