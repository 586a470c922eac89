namespace MusicEvents.Tests;

/// <summary>Files of the checkout the tests were built from (documents the tests keep in step with the code).</summary>
public static class RepositoryFile
{
    private static readonly string Root = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MusicEvents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No MusicEvents.sln above {AppContext.BaseDirectory}.");
    }
}
