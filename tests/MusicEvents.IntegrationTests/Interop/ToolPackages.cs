namespace MusicEvents.IntegrationTests.Interop;

/// <summary>
/// The packages other teams take, packed once per test run with `dotnet pack --no-build` from the
/// build the tests run on, into a temporary folder that is deleted at the end.
/// </summary>
public sealed class ToolPackages : IAsyncLifetime
{
    public static readonly string Configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("musicevents-packages-");

    public string Folder => Path.Combine(root.FullName, "packages");

    /// <summary>A NuGet.config that knows the package folder alone: installing needs nothing from outside.</summary>
    public string NuGetConfig => Path.Combine(root.FullName, "NuGet.config");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(NuGetConfig, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
              </packageSources>
            </configuration>
            """);
        foreach (var project in new[] { "tools/MusicEvents.Cli", "infra/sandbox/MusicEvents.Sandbox", "contracts/MusicEvents.Contracts" })
        {
            await using var pack = ChildProcess.Start(
                "dotnet", ["pack", Infrastructure.RepositoryRoot.Combine(project.Split('/')), "-c", Configuration, "--no-build", "-o", Folder, "-nodeReuse:false"]);
            if (await pack.ExitAsync(TimeSpan.FromMinutes(3)) != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} failed: {pack.Describe()}");
            }
        }
    }

    public Task DisposeAsync()
    {
        root.Delete(recursive: true);
        return Task.CompletedTask;
    }

    public string Combine(params string[] parts) => Path.Combine([root.FullName, .. parts]);
}
