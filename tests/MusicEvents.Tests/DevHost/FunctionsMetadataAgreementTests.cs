using System.Reflection;
using System.Text.Json;
using MusicEvents.DevHost;
using MusicEvents.Functions.Tracks;

namespace MusicEvents.Tests.DevHost;

/// <summary>The DevHost reads the functions' attributes; the Functions host reads the SDK's
/// functions.metadata. Both must describe the same functions, or the two hosts serve different APIs.</summary>
public sealed class FunctionsMetadataAgreementTests
{
    private const string TestOutput = "(this test's output)";
    private static readonly Assembly FunctionsAssembly = typeof(ExtendTrack).Assembly;

    [Theory]
    [InlineData("functions/MusicEvents.Functions")]
    [InlineData("functions/MusicEvents.DevHost")]
    [InlineData(TestOutput)]
    public void Catalog_and_sdk_metadata_list_the_same_http_functions(string project)
    {
        var metadata = ReadMetadata(project).Where(f => f.Trigger == "httpTrigger");
        var catalog = FunctionCatalog.Discover(FunctionsAssembly).Http.Select(f => new MetadataFunction(
            f.Name,
            "httpTrigger",
            $"{f.Class.FullName}.{f.Method.Name}",
            f.Route,
            string.Join(",", f.Methods.Order(StringComparer.Ordinal)),
            f.Level.ToString(),
            null));

        Assert.Equal(Sorted(metadata), Sorted(catalog));
    }

    [Theory]
    [InlineData("functions/MusicEvents.Functions")]
    [InlineData("functions/MusicEvents.DevHost")]
    [InlineData(TestOutput)]
    public void Catalog_and_sdk_metadata_list_the_same_timers(string project)
    {
        var metadata = ReadMetadata(project).Where(f => f.Trigger == "timerTrigger");
        var catalog = FunctionCatalog.Discover(FunctionsAssembly).Timers.Select(f => new MetadataFunction(
            f.Name, "timerTrigger", $"{f.Class.FullName}.{f.Method.Name}", null, null, null, f.Schedule));

        Assert.Equal(Sorted(metadata), Sorted(catalog));
    }

    [Fact]
    public void Sdk_metadata_has_no_trigger_the_catalog_does_not_serve()
    {
        Assert.All(ReadMetadata("functions/MusicEvents.Functions"), f => Assert.Contains(f.Trigger, new[] { "httpTrigger", "timerTrigger" }));
    }

    private static List<MetadataFunction> Sorted(IEnumerable<MetadataFunction> functions) =>
        [.. functions.OrderBy(f => f.Name, StringComparer.Ordinal)];

    private static List<MetadataFunction> ReadMetadata(string project)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FindMetadata(project)));
        return [.. document.RootElement.EnumerateArray().Select(Describe)];
    }

    private static MetadataFunction Describe(JsonElement function)
    {
        var trigger = function.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("direction").GetString() == "In" && b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        string? Text(string name) => trigger.TryGetProperty(name, out var value) ? value.GetString() : null;
        var methods = trigger.TryGetProperty("methods", out var m)
            ? string.Join(",", m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).Order(StringComparer.Ordinal))
            : null;
        return new MetadataFunction(
            function.GetProperty("name").GetString()!,
            trigger.GetProperty("type").GetString()!,
            function.GetProperty("entryPoint").GetString()!,
            Text("route"),
            methods,
            Text("authLevel"),
            Text("schedule"));
    }

    /// <summary>The project's build output (or this assembly's own, where the SDK copies it too) for the configuration and framework these tests were built with.</summary>
    private static string FindMetadata(string project)
    {
        if (project == TestOutput)
        {
            return Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        }

        var configuration = FunctionsAssembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, project, "bin", configuration, framework, "functions.metadata");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No {project}/bin/{configuration}/{framework}/functions.metadata above {AppContext.BaseDirectory}: build the solution first.");
    }

    private sealed record MetadataFunction(
        string Name, string Trigger, string EntryPoint, string? Route, string? Methods, string? AuthLevel, string? Schedule);
}
