using System.IO.Compression;
using System.Xml.Linq;

namespace MusicEvents.IntegrationTests.Interop;

/// <summary>What another team does with the packages: install the tools from a folder and run them; read the contracts' package.</summary>
public sealed class ToolPackageTests(ToolPackages packages) : IClassFixture<ToolPackages>
{
    [Theory]
    [InlineData("MusicEvents.Cli", "musicevents", "send")]
    [InlineData("MusicEvents.MusicApiSandbox", "musicapi-sandbox", "Fault knobs")]
    public async Task A_tool_installs_from_a_local_folder_and_answers_help(string packageId, string command, string helpMentions)
    {
        var toolPath = packages.Combine("tools-" + command);

        await using (var install = ChildProcess.Start(
            "dotnet", ["tool", "install", "--tool-path", toolPath, "--add-source", packages.Folder, "--configfile", packages.NuGetConfig, packageId]))
        {
            Assert.True(await install.ExitAsync(TimeSpan.FromMinutes(3)) == 0, install.Describe());
        }

        await using var help = ChildProcess.Start(Path.Combine(toolPath, command), ["--help"]);
        Assert.True(await help.ExitAsync(TimeSpan.FromMinutes(1)) == 0, help.Describe());
        Assert.Contains(help.Lines, l => l.Contains(helpMentions, StringComparison.Ordinal));
    }

    [Fact]
    public void The_contracts_package_has_its_description_readme_licence_and_XML_docs()
    {
        var package = Assert.Single(Directory.GetFiles(packages.Folder, "MusicEvents.Contracts.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string? Field(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.DoesNotContain("Package Description", Field("description"), StringComparison.Ordinal);
        Assert.Contains("ExtendTrackCommand", Field("description"), StringComparison.Ordinal);
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.Matches(@"^\d+\.\d+\.\d+$", Field("version"));
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/MusicEvents.Contracts.xml");
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
    }
}
