using Microsoft.Extensions.Options;

namespace MusicEvents.Core.MusicApi;

/// <summary>
/// A webhook master key is what every task's secret derives from: a short or well-known one lets
/// anyone sign a delivery. Each must carry at least 32 bytes of entropy and must not be the sample
/// file's placeholder. Failures name the key's setting, never its value.
/// </summary>
public sealed class WebhookMasterKeyRules : IValidateOptions<MusicApiOptions>
{
    /// <summary>The value of MusicApi__WebhookMasterKeys__0 in local.settings.sample.json.</summary>
    public const string SamplePlaceholder = "replace-with-output-of-openssl-rand-hex-32";

    public const int MinimumEntropyBytes = 32;

    public ValidateOptionsResult Validate(string? name, MusicApiOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.WebhookMasterKeys.Length; i++)
        {
            var key = options.WebhookMasterKeys[i] ?? "";
            var setting = $"{MusicApiOptions.SectionName}:WebhookMasterKeys:{i}";
            if (key.Trim() == SamplePlaceholder)
            {
                failures.Add($"{setting} is the sample file's placeholder: set a key of your own (openssl rand -hex 32).");
            }
            else if (EntropyBytes(key) < MinimumEntropyBytes)
            {
                failures.Add(
                    $"{setting} must carry at least {MinimumEntropyBytes} bytes of entropy: 64 hex digits (openssl rand -hex 32) "
                    + $"or 44 base64 characters (openssl rand -base64 32); it has at most {EntropyBytes(key)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// An upper bound, from the alphabet the key is written in: 4 bits a character for hex, 6 for
    /// anything else (base64, or text, which carries less). Repetition is not credited.
    /// </summary>
    public static int EntropyBytes(string key)
    {
        var characters = key.Trim();
        if (characters.Length == 0 || characters.Distinct().Count() == 1)
        {
            return 0;
        }

        var bitsPerCharacter = characters.All(char.IsAsciiHexDigit) ? 4 : 6;
        return characters.TrimEnd('=').Length * bitsPerCharacter / 8;
    }
}
