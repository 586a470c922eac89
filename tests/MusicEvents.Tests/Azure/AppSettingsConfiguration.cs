using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using MusicEvents.Core.Archive;

namespace MusicEvents.Tests.Azure;

/// <summary>
/// The template's app settings as the app would read them in Azure: '__' is ':', a Key Vault
/// reference is the secret's value, and an expression only a deployment can evaluate (a format()
/// of a host name) has its runtime parts replaced by "runtime-value". Also the options classes
/// bound from configuration, found by their SectionName constant.
/// </summary>
internal static partial class AppSettingsConfiguration
{
    public static IConfiguration Resolve(DeploymentSnapshot deployment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(deployment.AppSettings.Select(s => new KeyValuePair<string, string?>(
                s.Key.Replace("__", ":", StringComparison.Ordinal), ValueInAzure(deployment, s.Value))))
            .Build();

    /// <summary>Every options class in Core bound to a configuration section (a public SectionName constant).</summary>
    public static IReadOnlyList<(Type Type, string Section)> OptionsTypes() =>
        [.. typeof(ArchiveOptions).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsPublic)
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.Field is { IsLiteral: true } && t.Field.FieldType == typeof(string))
            .Select(t => (t.Type, (string)t.Field!.GetRawConstantValue()!))];

    /// <summary>The settings an options class's properties are read from: "Section__Property", "__0" for a list.</summary>
    public static IEnumerable<(PropertyInfo Property, string Key)> Keys(Type options, string section) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => (p, p.PropertyType.IsArray ? $"{section}__{p.Name}__0" : $"{section}__{p.Name}"));

    private static string ValueInAzure(DeploymentSnapshot deployment, string value)
    {
        if (deployment.SecretReferencedBy(value) is { } secret)
        {
            return deployment.SecretValue(secret) ?? throw new InvalidOperationException($"The secret behind '{value}' has no value in this check.");
        }

        return FormatExpression().Match(value) is { Success: true } format
            ? Placeholder().Replace(format.Groups["format"].Value, "runtime-value")
            : value;
    }

    [GeneratedRegex(@"^\[format\('(?<format>[^']*)'")]
    private static partial Regex FormatExpression();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
