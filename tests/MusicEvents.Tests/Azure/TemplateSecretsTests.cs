namespace MusicEvents.Tests.Azure;

/// <summary>
/// No secret is a plain app setting: the checks give every @secure() parameter a sentinel value,
/// which may reach the app only as a Key Vault secret behind a reference, in the ordinary
/// deployment and during a rotation of the webhook master key.
/// </summary>
public sealed class TemplateSecretsTests
{
    [Theory]
    [InlineData("settings")]
    [InlineData("rotation")]
    public void No_secure_parameters_value_appears_in_an_app_setting_or_an_output(string check)
    {
        var deployment = DeploymentSnapshot.Load(check);
        var secrets = deployment.SecureParameterValues;

        Assert.NotEmpty(secrets);
        foreach (var value in secrets.Values)
        {
            Assert.DoesNotContain(deployment.AppSettings, s => s.Value.Contains(value, StringComparison.Ordinal));
            Assert.DoesNotContain(deployment.OutputValues, o => o.Contains(value, StringComparison.Ordinal));
        }

        // The snapshot evaluates every parameter but a secure one, which stays "[parameters('…')]":
        // such an expression in a setting is a secret handed over as a plain value.
        Assert.DoesNotContain(deployment.AppSettings, s => s.Value.Contains("parameters('", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("settings")]
    [InlineData("rotation")]
    public void Every_secure_parameter_reaches_the_app_through_a_Key_Vault_reference(string check)
    {
        var deployment = DeploymentSnapshot.Load(check);
        var referenced = deployment.AppSettings.Values
            .Select(deployment.SecretReferencedBy)
            .OfType<System.Text.Json.JsonElement>()
            .Select(deployment.SecretValue)
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(deployment.SecureParameterValues, p => Assert.Contains(p.Value, referenced));
    }

    [Theory]
    [InlineData("settings")]
    [InlineData("rotation")]
    public void Every_Key_Vault_reference_names_a_secret_the_template_creates_named_after_its_setting(string check)
    {
        var deployment = DeploymentSnapshot.Load(check);
        var references = deployment.AppSettings.Where(s => s.Value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, references.Count);
        foreach (var (key, value) in references)
        {
            var secret = deployment.SecretReferencedBy(value);
            Assert.True(secret.HasValue, $"{key} refers to no secret of the template: {value}");
            Assert.EndsWith("/" + key.Replace("__", "--", StringComparison.Ordinal), secret.Value.GetProperty("name").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void During_a_rotation_both_master_keys_verify_and_the_new_one_signs()
    {
        var deployment = DeploymentSnapshot.Load("rotation");
        var settings = deployment.AppSettings;

        var signing = deployment.SecretValue(deployment.SecretReferencedBy(settings["MusicApi__WebhookMasterKeys__0"])!.Value);
        var retiring = deployment.SecretValue(deployment.SecretReferencedBy(settings["MusicApi__WebhookMasterKeys__1"])!.Value);

        Assert.Equal(deployment.SecureParameterValues["webhookMasterKey"], signing);
        Assert.Equal(deployment.SecureParameterValues["previousWebhookMasterKey"], retiring);
    }

    [Fact]
    public void Outside_a_rotation_the_second_master_key_is_the_first_again()
    {
        var deployment = DeploymentSnapshot.Load("settings");
        var settings = deployment.AppSettings;

        var second = deployment.SecretValue(deployment.SecretReferencedBy(settings["MusicApi__WebhookMasterKeys__1"])!.Value);

        Assert.Equal(deployment.SecureParameterValues["webhookMasterKey"], second);
    }
}
