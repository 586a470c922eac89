using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MusicEvents.Tests.Azure;

/// <summary>
/// What infra/azure/MusicEvents.Azure.csproj built: the compiled template (main.json), and for a
/// check (infra/azure/checks/NAME.bicepparam) its parameter values and `bicep snapshot` of the
/// deployment, the resources ARM would create with every expression evaluated that can be before
/// deploying. Values Azure knows only then (a host name, a principal id) stay ARM expressions.
/// </summary>
internal sealed partial class DeploymentSnapshot
{
    private readonly JsonElement snapshot;
    private readonly JsonElement parameters;
    private readonly JsonElement template;

    private DeploymentSnapshot(JsonElement snapshot, JsonElement parameters, JsonElement template)
    {
        this.snapshot = snapshot;
        this.parameters = parameters;
        this.template = template;
    }

    public static DeploymentSnapshot Load(string check)
    {
        var folder = TemplateFolder();
        return new DeploymentSnapshot(
            Read(Path.Combine(folder, $"{check}.snapshot.json")),
            Read(Path.Combine(folder, $"{check}.parameters.json")).GetProperty("parameters"),
            Read(Path.Combine(folder, "main.json")));
    }

    /// <summary>The Function App's app settings (the sites/config "appsettings" resource).</summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var properties = Single("Microsoft.Web/sites/config").GetProperty("properties");
            Assert.True(
                properties.ValueKind == JsonValueKind.Object,
                $"The app settings could not be evaluated before deployment, as when one depends on a secure parameter: {properties}");
            return properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }
    }

    public IEnumerable<JsonElement> Resources(string type) =>
        snapshot.GetProperty("predictedResources").EnumerateArray().Where(r => r.GetProperty("type").GetString() == type);

    public JsonElement Single(string type) => Assert.Single(Resources(type));

    public IEnumerable<string> OutputValues =>
        snapshot.GetProperty("outputs").EnumerateObject().Select(o => o.Value.ToString());

    /// <summary>The template's @secure() parameters with the value this check gives them (empty ones left out).</summary>
    public IReadOnlyDictionary<string, string> SecureParameterValues =>
        template.GetProperty("parameters").EnumerateObject()
            .Where(p => p.Value.GetProperty("type").GetString() == "securestring")
            .Select(p => (p.Name, Value: parameters.TryGetProperty(p.Name, out var given) ? given.GetProperty("value").GetString() : null))
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .ToDictionary(p => p.Name, p => p.Value!, StringComparer.Ordinal);

    /// <summary>
    /// The secret a Key Vault reference <c>@Microsoft.KeyVault(VaultName=…;SecretName=…)</c> names,
    /// as the template creates it, or null when the value is no such reference.
    /// </summary>
    public JsonElement? SecretReferencedBy(string settingValue)
    {
        if (KeyVaultReference().Match(settingValue) is not { Success: true } match)
        {
            return null;
        }

        var name = $"{match.Groups["vault"].Value}/{match.Groups["secret"].Value}";
        return Resources("Microsoft.KeyVault/vaults/secrets").Cast<JsonElement?>().SingleOrDefault(s => s!.Value.GetProperty("name").GetString() == name);
    }

    /// <summary>
    /// The value a secret resource is given from the parameters: "[parameters('x')]", or
    /// "[if(empty(parameters('a')), parameters('b'), parameters('a'))]" (a, unless it is empty).
    /// </summary>
    public string? SecretValue(JsonElement secret)
    {
        var expression = secret.GetProperty("properties").GetProperty("value").GetString() ?? "";
        if (ParameterExpression().Match(expression) is { Success: true } plain)
        {
            return ParameterValue(plain.Groups["name"].Value);
        }

        if (FallbackExpression().Match(expression) is { Success: true } fallback && fallback.Groups["tested"].Value == fallback.Groups["otherwise"].Value)
        {
            return ParameterValue(fallback.Groups["tested"].Value) is { Length: > 0 } tested ? tested : ParameterValue(fallback.Groups["then"].Value);
        }

        return null;
    }

    private string? ParameterValue(string name) =>
        parameters.TryGetProperty(name, out var given) ? given.GetProperty("value").GetString() : null;

    [GeneratedRegex(@"^@Microsoft\.KeyVault\(VaultName=(?<vault>[^;]+);SecretName=(?<secret>[^)]+)\)$")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"^\[parameters\('(?<name>[^']+)'\)\]$")]
    private static partial Regex ParameterExpression();

    [GeneratedRegex(@"^\[if\(empty\(parameters\('(?<tested>[^']+)'\)\), parameters\('(?<then>[^']+)'\), parameters\('(?<otherwise>[^']+)'\)\)\]$")]
    private static partial Regex FallbackExpression();

    private static JsonElement Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    private static string TemplateFolder()
    {
        var configuration = typeof(DeploymentSnapshot).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "infra", "azure", "bin", configuration, framework, "template");
            if (File.Exists(Path.Combine(candidate, "main.json")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No infra/azure/bin/{configuration}/{framework}/template/main.json above {AppContext.BaseDirectory}: build the solution first.");
    }
}
